import type { OpenAPIObject } from '@nestjs/swagger';
import { readParameterOf } from './created-location.js';
import type { ErrorCodeEntry } from './openapi-error-codes.js';

/** What a layer's catalog says about itself beyond its routes: where it is served, how it is secured, what its tags mean. */
export interface CatalogOptions {
  /** Where the layer is served (the embedded default first). */
  readonly servers?: readonly { readonly url: string; readonly description: string }[];
  /** A description per tag; a tag without one gets a generic description naming its paths. */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Bearer tokens issued by this layer's OAuth2 client-credentials token endpoint: every operation
   * declared with bearer auth is documented with the oauth2 scheme and the scope its path needs.
   */
  readonly oauth2?: {
    readonly tokenUrl: string;
    readonly scopes: Readonly<Record<string, string>>;
    /** The scope a path needs (by its prefix, as the guards enforce it); undefined for none. */
    readonly scopeOf: (path: string) => string | undefined;
  };
  /** Paths whose every operation is deprecated (they answer with Deprecation and Sunset headers). */
  readonly deprecatedPaths?: RegExp;
  /** The error codes the layer answers with, listed per operation (`x-error-codes`, see withErrorCodes). */
  readonly errorCodes?: readonly ErrorCodeEntry[];
  /**
   * An inner layer's callers, as ServiceAuthGuard admits them: a service token on every operation but
   * the public ones, an operator token where operators are served too (or only, on operator paths),
   * and a vendor's signature on the routes a vendor calls.
   */
  readonly serviceAuth?: {
    /** Open to anyone (health probes). */
    readonly publicPaths: RegExp;
    /** Operator tokens (scope `ops`, issued by the experience layer) are taken on every route; service tokens are 403 on these. */
    readonly operators?: { readonly paths: RegExp };
    /** Routes a vendor calls with its signature in a header (a bearer token stays optional there). */
    readonly vendorSigned?: { readonly paths: RegExp; readonly header: string; readonly description: string };
  };
}

interface Operation {
  parameters?: { name?: string; in?: string }[];
  responses?: Record<string, { headers?: Record<string, unknown> }>;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  security?: Record<string, string[]>[];
}

const header = (description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ description, schema });
const CORRELATION = header('The correlation id of the request (the one sent, or a new one): quote it to support.');
const REPLAYED = header('true when this answer is the stored answer to an earlier request with the same Idempotency-Key and body.', {
  type: 'string',
  enum: ['true', 'false'],
});
const DEPRECATION = {
  Deprecation: header('This version is deprecated (RFC 9745): since when.'),
  Sunset: header('When this version stops answering (RFC 8594), as an HTTP date.'),
  Link: header('The successor version and the migration guide (rel="successor-version", rel="deprecation").'),
};

const LOCATION = header('The absolute path of the created resource, to GET it (sent on a replay too).', { type: 'string', format: 'uri-reference' });
/** The rate limiter's answer headers, as an operation's 429 declares them. */
const RATE_LIMIT_HEADERS = ['RateLimit-Policy', 'RateLimit'];
/** Answers a guard or Fastify gives before the rate limiter has seen the request: they carry no RateLimit fields. */
const BEFORE_LIMITER = /^(401|403|413|415)$/;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function* operationsOf(document: OpenAPIObject): Generator<[path: string, method: string, operation: Operation]> {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, unknown>)[method];
      if (operation && typeof operation === 'object') yield [path, method, operation as Operation];
    }
  }
}

/**
 * Completes a generated catalog with what the decorators cannot say, generically so that new
 * routes get it too: servers, the OAuth2 client-credentials scheme with its token URL and the
 * scope of each operation, global tags with descriptions, a description for every operation
 * (its summary, plus the scope it needs), deprecation of whole path families, and the response
 * headers answers carry (X-Correlation-Id; Idempotent-Replayed; Deprecation, Sunset, Link; the
 * RateLimit fields; Location on a create's 201).
 */
export function withCatalogGovernance(document: OpenAPIObject, options: CatalogOptions = {}): OpenAPIObject {
  if (options.servers?.length) document.servers = options.servers.map((server) => ({ ...server }));
  const { oauth2 } = options;
  const usedTags = new Map<string, Set<string>>();
  for (const [path, , operation] of operationsOf(document)) {
    if (options.deprecatedPaths?.test(path)) operation.deprecated = true;
    let scope: string | undefined;
    if (oauth2 && operation.security?.some((requirement) => 'bearer' in requirement)) {
      scope = oauth2.scopeOf(path);
      operation.security = [{ oauth2: scope ? [scope] : [] }];
    }
    // headers every answer carries: X-Correlation-Id always, Idempotent-Replayed where a key is taken, deprecation on deprecated versions
    const idempotent = operation.parameters?.some((parameter) => parameter.in === 'header' && parameter.name?.toLowerCase() === 'idempotency-key');
    const limiter = rateLimitHeadersOf(operation);
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      response.headers = {
        'X-Correlation-Id': CORRELATION,
        ...(idempotent && /^2/.test(status) ? { 'Idempotent-Replayed': REPLAYED } : {}),
        ...(operation.deprecated && /^2/.test(status) ? DEPRECATION : {}),
        ...(limiter && !BEFORE_LIMITER.test(status) ? limiter : {}),
        ...response.headers,
      };
    }
    if (!operation.description) {
      const sentences = [operation.summary ? `${operation.summary.replace(/\.$/, '')}.` : ''];
      if (scope) sentences.push(`Needs an OAuth2 client-credentials token with the \`${scope}\` scope.`);
      else if (options.serviceAuth) sentences.push(callersOf(operation) ?? '');
      if (operation.deprecated) sentences.push('Deprecated: answers carry Deprecation and Sunset headers naming the successor.');
      operation.description = sentences.filter(Boolean).join(' ');
    }
    for (const tag of operation.tags ?? []) {
      const prefix = '/' + (path.split('/')[1] ?? '');
      usedTags.set(tag, (usedTags.get(tag) ?? new Set()).add(prefix));
    }
  }
  withCreateLinks(document);
  if (oauth2) {
    const schemes = { ...document.components?.securitySchemes };
    const stillBearer = [...operationsOf(document)].some(([, , operation]) => operation.security?.some((requirement) => 'bearer' in requirement));
    if (!stillBearer) delete schemes.bearer;
    schemes.oauth2 = {
      type: 'oauth2',
      description: 'OAuth2 client credentials (RFC 6749 §4.4): POST the client id and secret to the token URL, send the token as `Authorization: Bearer`.',
      flows: { clientCredentials: { tokenUrl: oauth2.tokenUrl, scopes: { ...oauth2.scopes } } },
    };
    document.components = { ...document.components, securitySchemes: schemes };
  }
  document.tags = [...usedTags.keys()].sort().map((name) => ({
    name,
    description: options.tags?.[name] ?? `Operations under ${[...usedTags.get(name)!].sort().join(', ')}.`,
  }));
  return document;
}

const SERVICE_TOKEN_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description:
    'A service token of the layer that calls this one (HS256, `kid` of SERVICE_TOKEN_KEYS, this layer as audience, at most 10 minutes); docs/security.md.',
};
const OPERATOR_TOKEN_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: "An operator's access token (scope `ops`) from the experience layer's OAuth2 token endpoint, checked against its JWKS and introspection.",
};

/**
 * The security requirements of an inner layer's operations, and their schemes (CatalogOptions.serviceAuth);
 * before withErrorCodes, which lists the auth codes on the operations that need a token.
 */
export function withServiceAuth(document: OpenAPIObject, auth: CatalogOptions['serviceAuth']): OpenAPIObject {
  if (!auth) return document;
  for (const [path, , operation] of operationsOf(document)) {
    if (auth.publicPaths.test(path)) {
      delete operation.security;
      continue;
    }
    const operatorOnly = auth.operators?.paths.test(path) ?? false;
    operation.security = [
      ...(auth.vendorSigned?.paths.test(path) ? [{ vendorSignature: [] }] : []),
      ...(operatorOnly ? [] : [{ serviceToken: [] }]),
      ...(auth.operators ? [{ operatorToken: [] }] : []),
    ];
  }
  const schemes: Record<string, unknown> = { ...document.components?.securitySchemes, serviceToken: SERVICE_TOKEN_SCHEME };
  delete schemes.bearer;
  if (auth.operators) schemes.operatorToken = OPERATOR_TOKEN_SCHEME;
  if (auth.vendorSigned) schemes.vendorSignature = { type: 'apiKey', in: 'header', name: auth.vendorSigned.header, description: auth.vendorSigned.description };
  document.components = { ...document.components, securitySchemes: schemes as never };
  return document;
}

/** What an inner layer's operation needs, in words (withServiceAuth's requirements). */
function callersOf(operation: Operation): string | undefined {
  const names = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  const words = [
    names.includes('serviceToken') && 'a service token',
    names.includes('operatorToken') && `an operator token (scope \`ops\`)`,
    names.includes('vendorSignature') && "the vendor's signature",
  ].filter(Boolean);
  return words.length ? `Needs ${words.join(' or ')}.` : undefined;
}

/**
 * A rate-limited operation declares the limiter's headers on its 429 (Retry-After, RateLimit-Policy,
 * RateLimit); the limiter sends the RateLimit fields on every answer once it has counted the request,
 * so they are declared on the operation's other answers too (not on those given before it counts).
 */
function rateLimitHeadersOf(operation: Operation): Record<string, unknown> | undefined {
  const declared = operation.responses?.['429']?.headers;
  if (!declared || !RATE_LIMIT_HEADERS.every((name) => name in declared)) return undefined;
  return Object.fromEntries(RATE_LIMIT_HEADERS.map((name) => [name, declared[name]]));
}

/**
 * OpenAPI links from a create to its read: a POST on `/x` answering 201 with a body that has the
 * field a GET on `/x/{field}` takes gets a link naming that GET and where its parameter comes from,
 * and the `Location` header the server sends with it.
 */
function withCreateLinks(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
  for (const [path, item] of Object.entries(document.paths)) {
    const created = (
      item.post?.responses as Record<string, { content?: Record<string, { schema?: { $ref?: string } }>; links?: unknown; headers?: unknown }> | undefined
    )?.['201'];
    const ref = created?.content?.['application/json']?.schema?.$ref;
    const fields = ref ? schemas[ref.replace('#/components/schemas/', '')]?.properties : undefined;
    if (!created || !fields) continue;
    // the server's rule for Location (created-location.ts), on the templated paths: `{id}` here is `:id` there
    const readPaths = Object.keys(document.paths).filter((readPath) => document.paths[readPath].get?.operationId);
    const colons = (templated: string) => templated.replace(/\{(\w+)\}/g, ':$1');
    const parameter = readParameterOf(colons(path), readPaths.map(colons));
    const readPath = readPaths.find((candidate) => candidate === `${path}/{${parameter}}`);
    const operationId = readPath && document.paths[readPath].get?.operationId;
    if (!parameter || !operationId || !(parameter in fields)) continue;
    created.links = {
      ...(created.links as object),
      [operationId]: { operationId, parameters: { [parameter]: `$response.body#/${parameter}` }, description: `Read what was created: GET ${readPath}.` },
    };
    created.headers = { ...(created.headers as object), Location: LOCATION };
  }
}
