import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { ERROR_CODES } from '@contracts';

/** What the committed catalog (openapi/*.json, docs/error-codes.md) promises, checked against the schemas and the code. */

type Media = { schema?: unknown; example?: unknown };
type Operation = {
  requestBody?: { content?: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media>; 'x-error-codes'?: string[] }>;
  'x-error-codes'?: string[];
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const catalog = (name: string) =>
  JSON.parse(readFileSync(path.resolve('openapi', `${name}.json`), 'utf8')) as { paths: Record<string, Record<string, Operation>> };
const operationsOf = (document: ReturnType<typeof catalog>) =>
  Object.entries(document.paths).flatMap(([route, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ route, method, operation: item[method]! })),
  );
/** Every body of an operation, with the JSON pointer of its schema. */
const bodiesOf = (route: string, method: string, operation: Operation) => {
  const pointer = (...parts: string[]) => ['#', 'paths', route, method, ...parts].map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  return [
    ...Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => ({
      at: `${method} ${route} request ${type}`,
      media,
      schema: pointer('requestBody', 'content', type, 'schema'),
    })),
    ...Object.entries(operation.responses).flatMap(([status, response]) =>
      Object.entries(response.content ?? {}).map(([type, media]) => ({
        at: `${method} ${route} ${status} ${type}`,
        media,
        schema: pointer('responses', status, 'content', type, 'schema'),
      })),
    ),
  ].filter((body) => body.media.schema !== undefined);
};
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (ajv: Ajv) => Ajv;

describe('examples in the catalog', () => {
  it.each(['experience-apis', 'process-apis', 'system-apis'])('%s: every example is valid against its schema', (name) => {
    const document = catalog(name);
    // OpenAPI 3.0 schemas: `nullable` is understood; `example` and other annotations are not keywords to refuse
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    ajv.addSchema(document, name);
    const invalid: string[] = [];
    let checked = 0;
    for (const { route, method, operation } of operationsOf(document)) {
      for (const body of bodiesOf(route, method, operation)) {
        if (body.media.example === undefined) continue;
        const validate = ajv.getSchema(`${name}${body.schema}`)!;
        checked++;
        if (!validate(body.media.example)) invalid.push(`${body.at}: ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it.each(['experience-apis', 'process-apis', 'system-apis'])('%s: every request and response body has an example', (name) => {
    const document = catalog(name);
    const missing = operationsOf(document).flatMap(({ route, method, operation }) =>
      bodiesOf(route, method, operation)
        .filter((body) => body.media.example === undefined)
        .map((body) => body.at),
    );
    expect(missing).toEqual([]);
  });
});

describe('error codes', () => {
  const catalogued = new Map(ERROR_CODES.map((entry) => [entry.code, entry]));

  /** The TypeScript sources of the apps and libs, tests excluded (they throw made-up codes). */
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(file);
      return file.endsWith('.ts') && !file.endsWith('.spec.ts') ? [file] : [];
    });
  const catalogFile = path.resolve('libs/contracts/src/api/error-codes.ts');
  const code = [...sources(path.resolve('apps')), ...sources(path.resolve('libs'))]
    .filter((file) => file !== catalogFile)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');

  it('every code the code can answer with is in the catalog (docs/error-codes.md)', () => {
    const used = new Set([...code.matchAll(/['"`]([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+)['"`]/g)].map((match) => match[1]!));
    expect(used.size).toBeGreaterThan(80);
    expect([...used].filter((found) => !catalogued.has(found)).sort()).toEqual([]);
  });

  it('every code in the catalog is answered somewhere (a literal, or a `${backend}.KIND` template of the vendor adapters)', () => {
    const stale = ERROR_CODES.map((entry) => entry.code).filter((listed) => {
      const kind = listed.split('.').slice(1).join('.');
      return !code.includes(`'${listed}'`) && !(kind && code.includes(`}.${kind}\``));
    });
    expect(stale).toEqual([]);
  });

  it('docs/error-codes.md lists every code with its status', () => {
    const doc = readFileSync(path.resolve('docs/error-codes.md'), 'utf8');
    expect(ERROR_CODES.filter((entry) => !doc.includes(`| \`${entry.code}\` | ${entry.status} |`)).map((entry) => entry.code)).toEqual([]);
  });

  it.each(['experience-apis', 'process-apis', 'system-apis'])(
    '%s: every operation lists the codes it can answer, each catalogued, on a response of its status',
    (name) => {
      const problems: string[] = [];
      for (const { route, method, operation } of operationsOf(catalog(name))) {
        const listed = operation['x-error-codes'] ?? [];
        if (!listed.includes('INTERNAL')) problems.push(`${method} ${route}: no x-error-codes`);
        for (const listedCode of listed) {
          const status = catalogued.get(listedCode)?.status;
          if (!status) problems.push(`${method} ${route}: ${listedCode} is not catalogued`);
          else if (!operation.responses[status]?.['x-error-codes']?.includes(listedCode))
            problems.push(`${method} ${route}: ${listedCode} not on its ${status}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(['experience-apis', 'process-apis', 'system-apis'])('%s: every 4xx and 5xx answer has the shared Problem body with an example', (name) => {
    const without = operationsOf(catalog(name)).flatMap(({ route, method, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]/.test(status))
        // readiness answers 503 with its health report, not a problem
        .filter(([status]) => !(route === '/health/ready' && status === '503'))
        .filter(([, response]) => {
          const problem = response.content?.['application/problem+json'] as { schema?: { $ref?: string }; example?: unknown } | undefined;
          return problem?.schema?.$ref !== '#/components/schemas/Problem' || problem.example === undefined;
        })
        .map(([status]) => `${method} ${route} ${status}`),
    );
    expect(without).toEqual([]);
  });

  it('the example of an error answer names a code the operation lists for that status, in every layer', () => {
    expect(catalog('experience-apis').paths['/b2b/v2/orders/{orderId}']!.get!.responses['404']).toMatchObject({
      'x-error-codes': ['ORDER.NOT_FOUND'],
      content: { 'application/problem+json': { example: { code: 'ORDER.NOT_FOUND', status: 404 } } },
    });
    expect(catalog('process-apis').paths['/v1/orders/{orderId}/cancel']!.post!.responses['409']).toMatchObject({
      'x-error-codes': ['ORDER.ALREADY_RELEASED', 'ORDER.NOT_CANCELLABLE'],
      content: { 'application/problem+json': { example: { code: 'ORDER.ALREADY_RELEASED', status: 409 } } },
    });
    expect(catalog('system-apis').paths['/erp/v1/invoices/{erpInvoiceNumber}']!.get!.responses['404']).toMatchObject({
      'x-error-codes': ['ERP.INVOICE_NOT_FOUND', 'ERP.NOT_FOUND'],
      content: { 'application/problem+json': { example: { code: 'ERP.INVOICE_NOT_FOUND', status: 404 } } },
    });
  });
});

describe('bounded input (the hardening issue: no unbounded string reaches a backend)', () => {
  type Schema = Record<string, any>;
  const document = catalog('experience-apis') as unknown as { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };
  /** A pattern anchored at both ends with no open-ended repeat (*, +, {n,}) outside its character classes. */
  const boundedPattern = (pattern: string) =>
    pattern.startsWith('^') && pattern.endsWith('$') && !/[*+]|\{\d+,\}/.test(pattern.replace(/\\./g, '').replace(/\[[^\]]*\]/g, ''));
  /** A string is bounded by a length, an enum, a format of fixed shape, or such a pattern. */
  const bounded = (schema: Schema) =>
    schema.maxLength !== undefined ||
    schema.enum !== undefined ||
    ['uuid', 'date', 'date-time'].includes(schema.format) ||
    (typeof schema.pattern === 'string' && boundedPattern(schema.pattern));
  /** Fields the server ignores (ERP-owned CRM fields, accepted and dropped with a warning) and the X12 text, bounded by BODY_LIMIT_BYTES. */
  const IGNORED = new Set(['UpsertAccountDto.creditLimit', 'UpsertAccountDto.paymentTerms', 'UpsertAccountDto.taxExempt', 'POST /edi/v1/interchanges body']);

  const unbounded = (schema: Schema | undefined, at: string, seen: ReadonlySet<string> = new Set()): string[] => {
    if (!schema || IGNORED.has(at)) return [];
    if (schema.$ref) {
      const name = String(schema.$ref).split('/').pop()!;
      return seen.has(name) ? [] : unbounded(document.components.schemas[name], name, new Set(seen).add(name));
    }
    return [
      ...(schema.type === 'string' && !schema.anyOf && !bounded(schema) ? [at] : []),
      ...['allOf', 'oneOf', 'anyOf'].flatMap((key) => (schema[key] ?? []).flatMap((part: Schema) => unbounded(part, at, seen))),
      ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) => unbounded(property as Schema, `${at}.${name}`, seen)),
      ...unbounded(schema.items, `${at}[]`, seen),
    ];
  };

  it('experience-apis: every string a caller sends in a body or a query has a bound', () => {
    const found = operationsOf(document as never).flatMap(({ route, method, operation }: { route: string; method: string; operation: any }) => [
      ...(operation.parameters ?? [])
        .filter((parameter: Schema) => parameter.in === 'query')
        .flatMap((parameter: Schema) => unbounded(parameter.schema, `${method.toUpperCase()} ${route} query:${parameter.name}`)),
      ...Object.values(operation.requestBody?.content ?? {}).flatMap((media: any) => unbounded(media.schema, `${method.toUpperCase()} ${route} body`)),
    ]);
    expect([...new Set(found)]).toEqual([]);
  });
});
