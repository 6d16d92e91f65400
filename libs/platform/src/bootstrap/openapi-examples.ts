import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem.js';

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  format?: string;
  example?: unknown;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minItems?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean | Schema;
};
interface Media {
  schema?: Schema;
  example?: unknown;
  examples?: unknown;
}

/** A value of each string format that a reader recognises (and a validator accepts). */
const FORMATS: Record<string, string> = {
  'date-time': '2026-03-02T09:30:00.000Z',
  date: '2026-03-02',
  uuid: '3f1b7c1e-8a4d-4e2b-9c6f-2d5e8a7b1c90',
  uri: 'https://partner.example.com/webhooks/gateway',
  'uri-reference': '/b2b/v2/orders/3f1b7c1e-8a4d-4e2b-9c6f-2d5e8a7b1c90',
  url: 'https://partner.example.com/webhooks/gateway',
  email: 'integration@partner.example.com',
};
/**
 * An example of `schema`, from the examples its properties declare, else a plain value of its type within
 * its bounds. `within` holds the component schemas being built, so a recursive schema stops.
 */
export function exampleOf(schema: Schema | undefined, schemas: Record<string, Schema>, within: ReadonlySet<string> = new Set()): unknown {
  if (!schema) return undefined;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return within.has(name) ? undefined : exampleOf(schemas[name], schemas, new Set(within).add(name));
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => exampleOf(part, schemas, within) ?? {}));
  // alternatives of an object with properties of its own only constrain it (e.g. which one is required)
  const variant = schema.properties ? undefined : (schema.oneOf?.[0] ?? schema.anyOf?.[0]);
  if (variant) return exampleOf(variant, schemas, within);
  switch (schema.type ?? (schema.properties ? 'object' : undefined)) {
    case 'object': {
      const example: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const value = exampleOf(property, schemas, within);
        if (value !== undefined) example[name] = value;
      }
      return example;
    }
    case 'array': {
      const item = exampleOf(schema.items, schemas, within);
      return item === undefined ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case 'string':
      return FORMATS[schema.format ?? ''] ?? 'text'.padEnd(schema.minLength ?? 0, 'x');
    case 'integer':
    case 'number':
      return schema.minimum ?? Math.min(1, schema.maximum ?? 1);
    case 'boolean':
      return true;
    case undefined:
    default:
      return undefined;
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Bodies whose example is built from their schema's properties: JSON and forms. */
const STRUCTURED = /json|x-www-form-urlencoded/;

/**
 * An example on every JSON (and form) request and response body that has none, built from the
 * examples the DTOs' properties declare (`@ApiProperty({ example })`), so a partner sees a whole
 * order, not a schema to assemble one from; a text body gets its schema's example. Problem bodies
 * get theirs from openapi-problems.ts, with a code the operation really answers. That each example
 * is valid against its schema is checked by a test over the committed catalog.
 */
export function withExamples(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const bodies = [
        (operation.requestBody as { content?: Record<string, Media> } | undefined)?.content,
        ...Object.values(operation.responses ?? {}).map((response) => (response as { content?: Record<string, Media> }).content),
      ];
      for (const content of bodies) {
        for (const [type, media] of Object.entries(content ?? {})) {
          if (!media.schema || media.example !== undefined || media.examples !== undefined) continue;
          const example = exampleOf(media.schema, schemas);
          // a problem's example names a code it is really answered with (openapi-problems.ts) or none;
          // a text body (X12, Markdown) has one only where its schema gives it
          if (type === PROBLEM_CONTENT_TYPE || (!STRUCTURED.test(type) && (media.schema as Schema).example === undefined)) continue;
          if (example !== undefined) media.example = example;
        }
      }
    }
  }
  return document;
}
