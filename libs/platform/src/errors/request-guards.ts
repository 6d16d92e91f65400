import { AppError, ValidationError, type FieldError } from './app-error.js';

/**
 * JSON nesting deeper than this is refused before it is parsed: no request of this gateway
 * nests more than a few levels, and a deep one would exhaust the stack of class-transformer.
 */
export const MAX_JSON_DEPTH = 32;

export class MalformedRequestError extends AppError {
  constructor(detail: string) {
    super('REQUEST.MALFORMED', 400, 'Malformed request body', { detail });
  }
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Scans raw JSON (outside string literals) and throws once objects and arrays nest deeper than `maxDepth`. One pass, no recursion. */
export function assertJsonDepth(raw: Buffer | string, maxDepth = MAX_JSON_DEPTH): void {
  const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) throw new MalformedRequestError(`The JSON body nests objects and arrays deeper than ${maxDepth} levels.`);
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
}

// U+0000 (PostgreSQL text can't hold it) and lone UTF-16 surrogates (no UTF-8 encoding exists).
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Finds text no backend or database can store, in a parsed body, query or path parameters:
 * one partner's NUL byte must be its own 400, not a database error that trips a breaker shared
 * by every partner. Iterative, so a deep value can't exhaust the stack.
 */
export function assertStorableText(value: unknown, root = ''): void {
  const errors: FieldError[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && errors.length < 20) {
    const [current, field] = stack.pop()!;
    if (typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean') {
      if (typeof current === 'string' && UNSTORABLE.test(current)) {
        errors.push({ field: field || '(value)', messages: [`${field || 'value'} must not contain NUL characters or unpaired UTF-16 surrogates`] });
      }
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${field}[${i}]`]);
    } else if (current && typeof current === 'object') {
      for (const [key, member] of Object.entries(current).reverse()) {
        const path = field ? `${field}.${key}` : key;
        if (UNSTORABLE.test(key)) errors.push({ field: path, messages: ['member names must not contain NUL characters or unpaired UTF-16 surrogates'] });
        stack.push([member, path]);
      }
    }
  }
  if (errors.length) throw new ValidationError(errors, 'The request has text that cannot be stored.', 'REQUEST.VALIDATION');
}
