import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * Which operations of a catalog can answer a code: every one; those that take a body, query parameters,
 * a bearer token, an Idempotency-Key (`key-required`: a required one), those that are rate limited (their
 * 429 is declared); or, for a domain code, a pattern over `<METHOD> <path>` (`/^GET \/b2b\/v\d\/orders\/\{orderId\}$/`).
 */
export type OperationScope = 'every' | 'body' | 'query' | 'authenticated' | 'idempotent' | 'key-required' | 'rate-limited' | RegExp;

/** One stable error code (`ORDER.NOT_FOUND`), as docs/error-codes.md lists it. */
export interface ErrorCodeEntry {
  readonly code: string;
  readonly status: number;
  /** What happened, for a reader of the catalog. */
  readonly meaning: string;
  /** What the client should do about it. */
  readonly action: string;
  /** The operations of the served catalog that can answer it; none: the code is listed in docs/error-codes.md only (another layer's, or internal). */
  readonly answeredBy?: readonly OperationScope[];
  /** Answered with `Retry-After` (seconds). */
  readonly retryAfter?: boolean;
}

/** The description of the 500 every operation can answer (openapi-problems.ts declares it where the code does not). */
export const UNEXPECTED_ERROR = 'Unexpected error; the correlation id identifies it in the logs.';

interface Operation {
  parameters?: { name?: string; in?: string; required?: boolean }[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, { description?: string; headers?: Record<string, unknown>; 'x-error-codes'?: string[] }>;
  'x-error-codes'?: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const RETRY_AFTER = {
  description: 'Seconds to wait before retrying (with the same Idempotency-Key, where one was sent).',
  schema: { type: 'integer', minimum: 0 },
};

function answers(scope: OperationScope, method: string, path: string, operation: Operation): boolean {
  const header = operation.parameters?.find((parameter) => parameter.in === 'header' && parameter.name?.toLowerCase() === 'idempotency-key');
  switch (scope) {
    case 'every':
      return true;
    case 'body':
      return operation.requestBody !== undefined;
    case 'query':
      return Boolean(operation.parameters?.some((parameter) => parameter.in === 'query'));
    case 'authenticated':
      return Boolean(operation.security?.length);
    case 'idempotent':
      return header !== undefined;
    case 'key-required':
      return Boolean(header?.required);
    case 'rate-limited':
      return operation.responses?.['429'] !== undefined;
    default:
      return scope.test(`${method.toUpperCase()} ${path}`);
  }
}

/**
 * Lists on each operation the error codes it can answer (`x-error-codes`, sorted) and on each of its
 * error responses the codes answered with that status, in the order of `entries` (the general ones
 * first: withProblemResponses, which runs next, takes a response's first code as its example); a
 * status a listed code has but the operation did not declare is declared, described by its codes;
 * `Retry-After` is declared where a code sends it. A code listed twice is a programming error.
 */
export function withErrorCodes(document: OpenAPIObject, entries: readonly ErrorCodeEntry[]): OpenAPIObject {
  const seen = new Map<string, number>();
  for (const entry of entries) {
    if (seen.has(entry.code)) throw new Error(`error code ${entry.code} is listed twice`);
    seen.set(entry.code, entry.status);
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const answered = entries.filter((entry) => entry.answeredBy?.some((scope) => answers(scope, method, path, operation)));
      if (!answered.length) continue;
      operation['x-error-codes'] = answered.map((entry) => entry.code).sort();
      const responses = (operation.responses ??= {});
      for (const status of [...new Set(answered.map((entry) => entry.status))].sort()) {
        const codes = answered.filter((entry) => entry.status === status);
        const declared = responses[status] ?? {
          description: status === 500 ? UNEXPECTED_ERROR : codes.map((entry) => `${entry.code}: ${entry.meaning}`).join(' '),
        };
        // an idempotent write that fails with a 5xx frees its key and says when to retry with it
        const retried = codes.some((entry) => entry.retryAfter) || (status >= 500 && answers('idempotent', method, path, operation));
        // a copy: a response declared on a controller class is one object shared by its operations
        responses[status] = {
          ...declared,
          ...(retried ? { headers: { 'Retry-After': RETRY_AFTER, ...declared.headers } } : {}),
          'x-error-codes': codes.map((entry) => entry.code),
        };
      }
    }
  }
  return document;
}

/** docs/error-codes.md: every code, by family, with its status, meaning and what the client should do. */
export function errorCodesMarkdown(entries: readonly ErrorCodeEntry[], preface: string): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const families = new Map<string, ErrorCodeEntry[]>();
  for (const entry of [...entries].sort((a, b) => a.code.localeCompare(b.code))) {
    const family = entry.code.split('.')[0]!;
    families.set(family, [...(families.get(family) ?? []), entry]);
  }
  const sections = [...families].map(([family, members]) =>
    [
      `## ${family}`,
      '',
      '| code | status | meaning | what to do |',
      '|---|---|---|---|',
      ...members.map((entry) => `| \`${entry.code}\` | ${entry.status} | ${cell(entry.meaning)} | ${cell(entry.action)} |`),
    ].join('\n'),
  );
  return `${preface.trim()}\n\n${sections.join('\n\n')}\n`;
}
