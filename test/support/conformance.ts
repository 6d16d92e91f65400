import { randomUUID } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { generateSync, type JsonSchema } from 'json-schema-faker';

/**
 * A property-based contract conformance run over an OpenAPI document, in the manner of Schemathesis
 * (unreachable here: no PyPI): per operation, requests generated from the catalog's own schemas
 * (json-schema-faker, seeded through fast-check), sent to a running app, and each answer checked
 * against what the catalog promises (ajv). The suite supplies hooks for what a schema cannot say:
 * the token of the right client, ids of resources that exist, SKUs from the sandbox seed.
 */

type Schema = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM = 'application/problem+json';
// ajv-formats is CommonJS; under ESM its default export may arrive wrapped
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: Schema;
}

export interface Operation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly scopes: readonly string[];
  readonly parameters: readonly Parameter[];
  /** Request body schema per content type. */
  readonly body?: { readonly required: boolean; readonly content: Readonly<Record<string, Schema | undefined>> };
  /** Per documented status, the schema per content type (undefined: no body documented). */
  readonly responses: Readonly<Record<string, Readonly<Record<string, Schema | undefined>> | undefined>>;
}

/** A request as sent, so a failure can print it and a developer can send it again. */
export interface Case {
  readonly operation: string;
  /** positive: valid by the schema; negative: one rule of it broken (`mutation` says which), must get a documented 4xx. */
  kind: 'positive' | 'negative';
  mutation?: string;
  /** True when the hooks put existing resources in (ids, SKUs); false: only the schema's values. */
  readonly seeded: boolean;
  method: string;
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  contentType?: string;
  body?: unknown;
}

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly text: string;
}

export interface Finding {
  readonly operation: string;
  readonly check: 'server error' | 'undocumented status' | 'content type' | 'response schema' | 'valid request refused' | 'invalid request accepted';
  readonly detail: string;
  readonly request: Case;
  readonly answer: Answer;
}

/** Picks values for the hooks from the case's own seeded draws, so a run with the same seed makes the same choices. */
export interface Picker {
  pick<T>(values: readonly T[]): T;
  chance(probability: number): boolean;
}

export interface ConformanceHooks {
  /** Headers every request of the operation carries (the bearer token of a client allowed to call it). */
  headers(operation: Operation): Promise<Record<string, string>> | Record<string, string>;
  /** Puts what the schema cannot produce into a generated request (existing ids, seed SKUs); called for positive and negative cases. */
  mapCase?(operation: Operation, request: Case, picker: Picker): Promise<void> | void;
}

export interface RunOptions {
  readonly baseUrl: string;
  readonly seed: number;
  /** Positive cases per operation; up to half as many negative ones where the operation has inputs to break. */
  readonly examples: number;
  readonly hooks: ConformanceHooks;
  /** Known findings: operation id and check, with the reason; they are reported, not failed on. */
  readonly allowed?: readonly AllowedFinding[];
}

export interface AllowedFinding {
  readonly operation: string;
  readonly check: Finding['check'];
  readonly reason: string;
}

export interface RunReport {
  readonly seed: number;
  readonly examples: number;
  readonly operations: number;
  readonly requests: number;
  readonly findings: readonly Finding[];
  readonly allowedFindings: readonly Finding[];
  /** Per operation, how many answers of each status it got. */
  readonly statuses: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly durationMs: number;
}

/** The document's operations, with `$ref`-free parameter lists (bodies and answers keep their refs: ajv and the generator resolve them). */
export function operationsOf(document: Schema, select: (operation: Operation) => boolean = () => true): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const content = (value: Record<string, { schema?: Schema }> | undefined) =>
        Object.fromEntries(Object.entries(value ?? {}).map(([type, media]) => [type, media.schema]));
      const operation: Operation = {
        id: raw.operationId,
        method: method.toUpperCase(),
        path,
        scopes: (raw.security ?? []).flatMap((requirement: Record<string, string[]>) => Object.values(requirement).flat()),
        parameters: ((raw.parameters ?? []) as any[]).map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          required: Boolean(parameter.required),
          schema: parameter.schema ?? { type: 'string' },
        })),
        body: raw.requestBody ? { required: Boolean(raw.requestBody.required), content: content(raw.requestBody.content) } : undefined,
        responses: Object.fromEntries(
          Object.entries(raw.responses as Record<string, { content?: Record<string, { schema?: Schema }> }>).map(([status, response]) => [
            status,
            response.content ? content(response.content) : undefined,
          ]),
        ),
      };
      if (select(operation)) operations.push(operation);
    }
  }
  return operations;
}

/**
 * OpenAPI 3.0 schema objects as JSON Schema: `nullable` becomes a null alternative (ajv's own
 * `nullable` needs a sibling `type`, which `allOf: [$ref]` properties lack); the rest is the same.
 * A plain typed schema just takes `null` as a type too; one with an `enum` or an `allOf` would still
 * refuse null through them, so null becomes an alternative to the whole schema (what `nullable`
 * means: the value or null).
 */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!value || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Schema;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, child]) => [key, key === 'example' ? child : toJsonSchema(child)]));
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string' && !converted.enum && !converted.allOf) return { ...converted, type: [converted.type, 'null'] };
  return { anyOf: [converted, { type: 'null' }] };
}

class Schemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  private readonly compiled = new Map<Schema, ValidateFunction>();
  readonly components: Schema;

  constructor(document: Schema) {
    addFormats(this.ajv);
    this.components = toJsonSchema(document.components ?? {}) as Schema;
    this.ajv.addSchema({ $id: 'catalog', components: this.components });
  }

  /** The schema a `$ref`/single `allOf` stands for (one level), for walking a generated value. */
  resolve(schema: Schema | undefined): Schema | undefined {
    if (!schema) return undefined;
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/components/schemas/', '');
      return this.resolve((this.components.schemas as Record<string, Schema>)[name]);
    }
    if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return this.resolve(schema.allOf[0] as Schema);
    if (Array.isArray(schema.anyOf)) return this.resolve((schema.anyOf as Schema[]).find((option) => option.type !== 'null'));
    return schema;
  }

  generate(schema: Schema, seed: number): unknown {
    // arrays kept short: the run is about each rule of the contract, not about volume
    return generateSync({ ...(toJsonSchema(schema) as Schema), components: this.components } as JsonSchema, { seed, maxItems: 3, maxDefaultItems: 3 });
  }

  validate(schema: Schema, value: unknown): string | undefined {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(toJsonSchema(schema)) as Schema);
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return undefined;
    return this.ajv.errorsText(validate.errors, { dataVar: 'body' });
  }
}

/** Points the document's local refs at the schema registered as `catalog`. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string' && child.startsWith('#/') ? `catalog${child}` : rewriteRefs(child),
    ]),
  );
}

/** Ways to break one rule of a request body's schema, with where they apply. */
interface Mutation {
  readonly name: string;
  apply(body: unknown): unknown;
}

const wrongValue = (schema: Schema): unknown => {
  // a nullable member's type is [type, 'null']: its own type is the first
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return 'not an object';
    default:
      return undefined;
  }
};

function setAt(root: unknown, path: readonly (string | number)[], update: (parent: any, key: string | number) => void): unknown {
  const copy = structuredClone(root);
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  update(parent, path[path.length - 1]);
  return copy;
}

const anyOfOptions = (schema: Schema): Schema[] => (Array.isArray(schema.anyOf) ? (schema.anyOf as Schema[]).flatMap(anyOfOptions) : [schema]);

/** Every single-rule break of `value` under `schema`: a required member dropped, a member of the wrong type. */
function mutationsOf(schemas: Schemas, schema: Schema | undefined, value: unknown, path: (string | number)[] = []): Mutation[] {
  const resolved = schemas.resolve(schema);
  if (!resolved || value === null || typeof value !== 'object') return [];
  const found: Mutation[] = [];
  if (Array.isArray(value)) {
    if (value.length) found.push(...mutationsOf(schemas, resolved.items as Schema, value[0], [...path, 0]));
    return found;
  }
  const properties = (resolved.properties ?? {}) as Record<string, Schema>;
  const required = new Set((resolved.required ?? []) as string[]);
  for (const [name, propertySchema] of Object.entries(properties)) {
    const where = [...path, name];
    const label = where.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
    if (required.has(name) && name in (value as object)) {
      found.push({ name: `required ${label} dropped`, apply: (body) => setAt(body, where, (parent, key) => delete parent[key]) });
    }
    // a member that takes values of several types (anyOf) has no single wrong type
    const alternatives = anyOfOptions(propertySchema).filter((option) => option.type !== 'null');
    const target = alternatives.length > 1 ? undefined : schemas.resolve(propertySchema);
    const wrong = target && !target.enum ? wrongValue(target) : undefined;
    if (wrong !== undefined && name in (value as object)) {
      found.push({
        name: `${label} of the wrong type (${JSON.stringify(wrong)})`,
        apply: (body) => setAt(body, where, (parent, key) => (parent[key] = wrong)),
      });
    }
    found.push(...mutationsOf(schemas, propertySchema, (value as Record<string, unknown>)[name], where));
  }
  return found;
}

function picker(draws: readonly number[]): Picker {
  let next = 0;
  const draw = () => draws[next++ % draws.length];
  return {
    pick: (values) => values[draw() % values.length],
    chance: (probability) => draw() % 1000 < probability * 1000,
  };
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const jsonTypes = (contentType: string) => contentType === 'application/json' || contentType.endsWith('+json');

/** A request for the operation from the schemas: required parameters always, optional ones by draw. */
function generateCase(schemas: Schemas, operation: Operation, seed: number, seeded: boolean, pick: Picker): Case {
  const request: Case = {
    operation: operation.id,
    kind: 'positive',
    seeded,
    method: operation.method,
    path: operation.path,
    pathParams: {},
    query: {},
    headers: {},
  };
  operation.parameters.forEach((parameter, index) => {
    if (!parameter.required && !pick.chance(0.5)) return;
    // a path segment is never empty (an empty one would call another route)
    const schema = parameter.in === 'path' ? { minLength: 1, ...parameter.schema } : parameter.schema;
    const value = stringify(schemas.generate(schema, seed + index + 1));
    if (parameter.in === 'path') request.pathParams[parameter.name] = value;
    else if (parameter.in === 'query') request.query[parameter.name] = value;
    else request.headers[parameter.name.toLowerCase()] = value;
  });
  if (operation.body && (operation.body.required || pick.chance(0.8))) {
    const types = Object.keys(operation.body.content);
    const contentType = types.find(jsonTypes) ?? types[0];
    request.contentType = contentType;
    const schema = operation.body.content[contentType];
    request.body = schema ? schemas.generate(schema, seed) : undefined;
  }
  return request;
}

/** Negative variants of a positive request: a body rule broken, or a required query parameter dropped or given the wrong type. */
function breakCase(schemas: Schemas, operation: Operation, request: Case, pick: Picker): Case | undefined {
  const breaks: { name: string; apply: (copy: Case) => void }[] = [];
  const bodySchema = request.contentType && jsonTypes(request.contentType) ? operation.body?.content[request.contentType] : undefined;
  for (const mutation of bodySchema ? mutationsOf(schemas, bodySchema, request.body) : []) {
    breaks.push({ name: `body: ${mutation.name}`, apply: (copy) => (copy.body = mutation.apply(copy.body)) });
  }
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'header' && candidate.required)) {
    const name = parameter.name.toLowerCase();
    // the bearer token is the hooks' business: a request without one is a 401 by design, not a contract check
    if (name !== 'authorization') breaks.push({ name: `header: required ${parameter.name} dropped`, apply: (copy) => delete copy.headers[name] });
  }
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query')) {
    if (parameter.required) breaks.push({ name: `query: required ${parameter.name} dropped`, apply: (copy) => delete copy.query[parameter.name] });
    const schema = schemas.resolve(parameter.schema);
    if (schema && (schema.type === 'integer' || schema.type === 'number' || schema.enum)) {
      breaks.push({ name: `query: ${parameter.name} not of its type`, apply: (copy) => (copy.query[parameter.name] = 'not-valid') });
    }
  }
  if (!breaks.length) return undefined;
  const chosen = pick.pick(breaks);
  const copy: Case = { ...structuredClone(request), kind: 'negative', mutation: chosen.name };
  chosen.apply(copy);
  return copy;
}

function urlOf(baseUrl: string, request: Case): string {
  const path = request.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.pathParams[name] ?? ''));
  const query = new URLSearchParams(request.query).toString();
  return `${baseUrl}${path}${query ? `?${query}` : ''}`;
}

async function send(baseUrl: string, request: Case): Promise<Answer> {
  const headers: Record<string, string> = { ...request.headers };
  let body: string | undefined;
  if (request.contentType) {
    headers['content-type'] = request.contentType;
    if (typeof request.body === 'string') body = request.body;
    else if (request.contentType === 'application/x-www-form-urlencoded') body = new URLSearchParams(request.body as Record<string, string>).toString();
    else body = JSON.stringify(request.body);
  }
  const response = await fetch(urlOf(baseUrl, request), { method: request.method, headers, body });
  const text = await response.text();
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  let parsed: unknown = text;
  if (jsonTypes(contentType) && text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      /* kept as text: the schema check then says it is not JSON */
    }
  }
  return { status: response.status, contentType, headers: Object.fromEntries(response.headers), body: parsed, text };
}

/** What is wrong with an answer, by the catalog (none: it conforms). */
function check(schemas: Schemas, operation: Operation, request: Case, answer: Answer): Omit<Finding, 'request' | 'answer' | 'operation'>[] {
  const found: Omit<Finding, 'request' | 'answer' | 'operation'>[] = [];
  const { status } = answer;
  if (status >= 500) found.push({ check: 'server error', detail: `${status}` });
  const documented = Object.hasOwn(operation.responses, String(status))
    ? String(status)
    : Object.hasOwn(operation.responses, 'default')
      ? 'default'
      : undefined;
  if (!documented) {
    found.push({ check: 'undocumented status', detail: `${status} is not among ${Object.keys(operation.responses).join(', ')}` });
  } else {
    const content = operation.responses[documented];
    if (status >= 400 && answer.contentType !== PROBLEM)
      found.push({ check: 'content type', detail: `an error answered as ${answer.contentType || 'nothing'}, not ${PROBLEM}` });
    if (content && status !== 204) {
      const schema = content[answer.contentType];
      if (!(answer.contentType in content)) {
        found.push({ check: 'content type', detail: `${answer.contentType || 'no content type'} is not among ${Object.keys(content).join(', ')}` });
      } else if (schema && jsonTypes(answer.contentType)) {
        const errors = schemas.validate(schema, answer.body);
        if (errors) found.push({ check: 'response schema', detail: errors });
      }
    } else if (status !== 204 && answer.text && !content) {
      found.push({ check: 'response schema', detail: `a body (${answer.contentType}) where the catalog documents none` });
    }
  }
  if (request.kind === 'positive' && status === 400) {
    found.push({ check: 'valid request refused', detail: `a request valid by the catalog got 400: ${answer.text.slice(0, 300)}` });
  }
  if (request.kind === 'negative' && status < 400) {
    found.push({ check: 'invalid request accepted', detail: `${request.mutation} was answered ${status}` });
  }
  return found;
}

const hashOf = (text: string) => [...text].reduce((hash, char) => (Math.imul(hash, 31) + char.charCodeAt(0)) | 0, 7) >>> 0;

/**
 * Runs the cases of every operation, one after the other (the order is part of what the seed
 * reproduces: a cancel may see the order an earlier case placed).
 */
export async function runConformance(document: Schema, operations: readonly Operation[], options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const schemas = new Schemas(document);
  const findings: Finding[] = [];
  const allowedFindings: Finding[] = [];
  const statuses: Record<string, Record<string, number>> = {};
  let requests = 0;
  const plan = fc.record({
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    draws: fc.array(fc.nat({ max: 1_000_000 }), { minLength: 16, maxLength: 16 }),
    negative: fc.boolean(),
  });
  for (const operation of operations) {
    const base = await options.hooks.headers(operation);
    // each operation's cases come from the run's seed and its own id: adding an operation changes no other's cases
    const plans = fc.sample(plan, { seed: (options.seed ^ hashOf(operation.id)) | 0, numRuns: options.examples });
    let negatives = 0;
    for (const [index, { seed, draws, negative }] of plans.entries()) {
      const pick = picker(draws);
      const positive = generateCase(schemas, operation, seed, index === 0 || pick.chance(0.5), pick);
      Object.assign(positive.headers, base);
      await options.hooks.mapCase?.(operation, positive, pick);
      const cases: Case[] = [positive];
      // the negative case is the mapped positive one with one rule broken: only that rule can explain a refusal
      if ((negative || (index === options.examples - 1 && !negatives)) && negatives < Math.ceil(options.examples / 2)) {
        const broken = breakCase(schemas, operation, positive, pick);
        if (broken) {
          cases.push(broken);
          negatives++;
        }
      }
      for (const request of cases) {
        // the idempotency hook: every request a key of its own (a repeated key would be answered from the first request)
        if ('idempotency-key' in request.headers) request.headers['idempotency-key'] = randomUUID();
        const answer = await send(options.baseUrl, request);
        requests++;
        const counts = (statuses[operation.id] ??= {});
        counts[answer.status] = (counts[answer.status] ?? 0) + 1;
        for (const problem of check(schemas, operation, request, answer)) {
          const finding = { operation: operation.id, ...problem, request, answer };
          const known = options.allowed?.some((allowed) => allowed.operation === operation.id && allowed.check === problem.check);
          (known ? allowedFindings : findings).push(finding);
        }
      }
    }
  }
  return {
    seed: options.seed,
    examples: options.examples,
    operations: operations.length,
    requests,
    findings,
    allowedFindings,
    statuses,
    durationMs: Date.now() - started,
  };
}

/** A finding as a developer reads it: what was checked, the request to send again (as curl) and the answer. */
export function describeFinding(finding: Finding, baseUrl: string): string {
  const { request, answer } = finding;
  const headers = Object.entries({ ...request.headers, ...(request.contentType ? { 'content-type': request.contentType } : {}) })
    .map(([name, value]) => ` -H '${name}: ${name === 'authorization' ? '<token>' : value}'`)
    .join('');
  const body =
    request.contentType === undefined ? '' : ` --data '${typeof request.body === 'string' ? request.body : JSON.stringify(request.body)}'`.slice(0, 2_000);
  return [
    `${finding.operation}: ${finding.check}: ${finding.detail}`,
    `  ${request.kind}${request.mutation ? ` (${request.mutation})` : ''}${request.seeded ? ', seeded' : ''}`,
    `  curl -X ${request.method} '${urlOf(baseUrl, request)}'${headers}${body}`,
    `  -> ${answer.status} ${answer.contentType} ${answer.text.slice(0, 1_000)}`,
  ].join('\n');
}

/** One line per distinct finding (operation, check and the first line of the detail), to count them. */
export function distinctFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.operation} ${finding.check}: ${finding.detail.replace(/got 400: .*/, 'got 400').slice(0, 160)}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return groups;
}
