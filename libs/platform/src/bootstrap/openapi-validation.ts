import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage, ValidateIf } from 'class-validator';

interface ValidationMetadata {
  readonly name?: string;
  readonly type: string;
  readonly propertyName: string;
  readonly constraints?: unknown[];
  readonly each?: boolean;
}
type Schema = Record<string, unknown> & { type?: string; format?: string; example?: unknown; items?: Schema; properties?: Record<string, Schema> };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The groups of properties a class (and its subclasses) needs one of (see RequireOneOf). */
const ONE_OF_REQUIRED = new Map<unknown, readonly string[]>();

/**
 * At least one of these optional properties must be given (e.g. an order id or a PO number). Each is
 * validated when it is given, and all are when none is (so the answer names them); the catalog says
 * it as `anyOf` of `required`, so generated clients and the conformance run know it too.
 */
export function RequireOneOf(...properties: string[]): ClassDecorator {
  return (target) => {
    ONE_OF_REQUIRED.set(target, properties);
    for (const property of properties) {
      const given = (object: object) => (object as Record<string, unknown>)[property] !== undefined;
      const noneGiven = (object: object) => properties.every((other) => (object as Record<string, unknown>)[other] === undefined);
      ValidateIf((object: object) => given(object) || noneGiven(object))(target.prototype as object, property);
    }
  };
}
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

/** The class-validator rules of every decorated class, by class name (a name two classes share is left out, as it is ambiguous). */
function rulesByClass(): Map<string, Map<string, ValidationMetadata[]>> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas?: Map<unknown, unknown> };
  const byName = new Map<string, Map<string, ValidationMetadata[]>>();
  const shared = new Set<string>();
  for (const target of storage.validationMetadatas?.keys() ?? []) {
    if (typeof target !== 'function' || !target.name) continue;
    if (byName.has(target.name)) shared.add(target.name);
    const rules = new Map<string, ValidationMetadata[]>();
    for (const rule of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false) as unknown as ValidationMetadata[]) {
      rules.set(rule.propertyName, [...(rules.get(rule.propertyName) ?? []), rule]);
    }
    byName.set(target.name, rules);
  }
  for (const name of shared) byName.delete(name);
  return byName;
}

/** RequireOneOf's groups by the name of each validated class that has one, itself or by inheritance. */
function oneOfGroups(): Map<string, readonly string[]> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas?: Map<unknown, unknown> };
  const groups = new Map<string, readonly string[]>();
  for (const target of storage.validationMetadatas?.keys() ?? []) {
    if (typeof target !== 'function' || !target.name) continue;
    for (let type: unknown = target; typeof type === 'function' && type !== Function.prototype; type = Object.getPrototypeOf(type)) {
      const group = ONE_OF_REQUIRED.get(type);
      if (group) {
        groups.set(target.name, group);
        break;
      }
    }
  }
  return groups;
}

/** Says in the schema what the server's validation of the property enforces, where the decorators left it unsaid. */
function applyRules(schema: Schema, rules: readonly ValidationMetadata[]): void {
  if (schema.$ref || schema.allOf) return;
  for (const rule of rules) {
    const target = rule.each ? schema.items : schema;
    if (!target || target.$ref) continue;
    const [first, second] = rule.constraints ?? [];
    const kind = rule.name ?? rule.type;
    switch (kind) {
      case 'isInt':
        if (target.type === 'number') target.type = 'integer';
        break;
      case 'min':
        target.minimum ??= first;
        break;
      case 'max':
        target.maximum ??= first;
        break;
      case 'minLength':
        target.minLength ??= first;
        break;
      case 'maxLength':
        target.maxLength ??= first;
        break;
      case 'isNotEmpty':
        if (target.type === 'string') target.minLength ??= 1;
        break;
      case 'arrayMinSize':
        if (schema.type === 'array') schema.minItems ??= first;
        break;
      case 'arrayNotEmpty':
        if (schema.type === 'array') schema.minItems ??= 1;
        break;
      case 'arrayMaxSize':
        if (schema.type === 'array') schema.maxItems ??= first;
        break;
      case 'isUuid':
        if (target.type === 'string') target.format ??= 'uuid';
        break;
      case 'isIso8601':
      case 'isDateString':
        // a date-time only when the example says so (the same validator accepts plain dates)
        if (target.type === 'string' && typeof target.example === 'string' && DATE_TIME.test(target.example)) target.format ??= 'date-time';
        break;
      case 'matches':
        if (target.type === 'string' && first instanceof RegExp && !first.flags && !target.pattern) target.pattern = first.source;
        break;
      case 'isIn':
        if (Array.isArray(first)) target.enum ??= [...first];
        break;
      case 'isEnum':
        if (Array.isArray(second)) target.enum ??= [...second];
        break;
    }
  }
}

const refName = (schema: unknown) => {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined;
};

/** Names of the component schemas `roots` reach. */
function reach(schemas: Record<string, Schema>, roots: unknown[]): Set<string> {
  const seen = new Set<string>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    const name = refName(value);
    if (name && !seen.has(name)) {
      seen.add(name);
      visit(schemas[name]);
    }
    for (const child of Object.values(value)) visit(child);
  };
  roots.forEach(visit);
  return seen;
}

/**
 * Carries the server's validation (class-validator decorators) into the catalog wherever the swagger
 * decorators did not already say it: integers, bounds, lengths, array sizes, uuid and date-time
 * formats, patterns, enums; for DTO schemas and for the query parameters Nest flattens from a query
 * DTO. Request bodies that only requests use are closed (`additionalProperties: false`): the server
 * refuses unknown fields. Generic, so new DTOs are documented as they are validated.
 */
export function withValidationRules(document: OpenAPIObject): OpenAPIObject {
  const rules = rulesByClass();
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(schemas)) {
    const classRules = rules.get(name);
    if (!classRules) continue;
    for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) applyRules(propertySchema, classRules.get(property) ?? []);
  }
  for (const [name, group] of oneOfGroups()) {
    const schema = schemas[name];
    if (schema?.properties && !schema.anyOf) schema.anyOf = group.map((property) => ({ required: [property] }));
  }

  const requests: unknown[] = [];
  const responses: unknown[] = [];
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      requests.push(operation.requestBody);
      responses.push(operation.responses);
      const query = (operation.parameters ?? []).filter((parameter) => 'in' in parameter && parameter.in === 'query') as { name: string; schema?: Schema }[];
      if (!query.length) continue;
      // the query DTO: the one decorated class whose properties are exactly these parameters
      const names = query.map((parameter) => parameter.name).sort();
      const candidates = [...rules.values()].filter((classRules) => [...classRules.keys()].sort().join() === names.join());
      if (candidates.length !== 1) continue;
      for (const parameter of query) if (parameter.schema) applyRules(parameter.schema, candidates[0].get(parameter.name) ?? []);
    }
  }
  const answered = reach(schemas, responses);
  for (const name of reach(schemas, requests)) {
    const schema = schemas[name];
    if (!answered.has(name) && schema?.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  }
  return document;
}
