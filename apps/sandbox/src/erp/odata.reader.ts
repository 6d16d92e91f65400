import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { SandboxError } from '../sandbox.error.js';
import { applyODataQuery, ODataQueryError, parseEntitySegment, parseODataQuery, type ODataQuery } from './odata-query.parser.js';
import { keyLiteral, odataEntity, odataList, serviceRootOf, withMetadata } from './odata.format.js';

export interface RenderContext {
  /** Absolute URI of the entity. */
  readonly uri: string;
  /** Absolute base URL of all services (`.../sap/opu/odata/sap`). */
  readonly root: string;
  readonly expand: readonly string[];
}

/** How one entity set is read: its rows, key, filterable fields and navigation properties. */
export interface EntitySetSpec<T extends object> {
  readonly service: string;
  readonly set: string;
  readonly type: string;
  readonly rows: readonly T[];
  readonly keyOf: (row: T) => string;
  /** The key predicate of the entity's URI when the key is composite (`A='1',B='2'`); defaults to the quoted `keyOf`. */
  readonly keyPredicate?: (row: T) => string;
  readonly fields: readonly string[];
  readonly navigations?: readonly string[];
  readonly render?: (row: T, context: RenderContext) => object;
}

/** Answers `GET <set>` (list, with $filter/$top/$skip) or `GET <set>('<key>')` (single entity) in the OData v2 envelope. */
export function readEntitySet<T extends object>(spec: EntitySetSpec<T>, segment: string, rawQuery: Record<string, unknown>, request: FastifyRequest): object {
  const parsed = parseSegmentOf(spec.set, segment);
  const query = parseQuery(rawQuery, spec.navigations ?? []);
  const root = serviceRootOf(request);
  const render = (row: T) => {
    const uri = `${root}/${spec.service}/${spec.set}(${spec.keyPredicate ? spec.keyPredicate(row) : keyLiteral(spec.keyOf(row))})`;
    return withMetadata(uri, spec.type, spec.render ? spec.render(row, { uri, root, expand: query.expand }) : row);
  };
  if (parsed.key !== undefined) return odataEntity(render(findByKey(spec, parsed.key)));
  try {
    const { rows, count } = applyODataQuery(spec.rows, query, spec.fields);
    return odataList(rows.map(render), query.inlineCount ? count : undefined);
  } catch (error) {
    throw asBadRequest(error);
  }
}

export function findByKey<T extends object>(spec: Pick<EntitySetSpec<T>, 'rows' | 'keyOf' | 'set'>, key: string): T {
  const row = spec.rows.find((r) => spec.keyOf(r) === key);
  if (!row) throw new SandboxError(404, `Resource not found for segment '${spec.set}(${keyLiteral(key)})'`);
  return row;
}

/** Parses `Set` or `Set('key')`, insisting on the expected set name. */
export function parseSegmentOf(set: string, segment: string): { key?: string } {
  try {
    const parsed = parseEntitySegment(segment);
    if (parsed.set === set) return { key: parsed.key };
  } catch {
    // falls through to the 404 below
  }
  throw new SandboxError(404, `Resource not found for segment '${segment}'`);
}

function parseQuery(rawQuery: Record<string, unknown>, navigations: readonly string[]): ODataQuery {
  try {
    const query = parseODataQuery(rawQuery);
    const unknown = query.expand.find((name) => !navigations.includes(name));
    if (unknown) throw new ODataQueryError(`Property '${unknown}' is not a navigation property`);
    return query;
  } catch (error) {
    throw asBadRequest(error);
  }
}

function asBadRequest(error: unknown): unknown {
  return error instanceof ODataQueryError ? new SandboxError(400, error.message, '/IWBEP/CM_MGW_RT/021') : error;
}

/** `Set('k')` (the one key, named `singleKey`) or `Set(A='a',B='b')`: the set and its key values. */
export function parseEntityKeys(segment: string, singleKey: string): { set: string; keys: Record<string, string> } {
  const match = /^([A-Za-z_]\w*)\((.*)\)$/.exec(segment);
  if (!match) throw new SandboxError(404, `Resource not found for segment '${segment}'`);
  const keys: Record<string, string> = {};
  const single = /^'((?:[^']|'')*)'$/.exec(match[2]!);
  if (single) keys[singleKey] = single[1]!.replace(/''/g, "'");
  else for (const pair of match[2]!.matchAll(/(\w+)='((?:[^']|'')*)'/g)) keys[pair[1]!] = pair[2]!.replace(/''/g, "'");
  return { set: match[1]!, keys };
}

/** PATCH bodies differ per entity set, so they are validated against the set's class rather than by the route's parameter type. */
export function validatedBody<T extends object>(cls: new () => T, body: unknown): T {
  const instance = plainToInstance(cls, (body ?? {}) as object);
  const errors = validateSync(instance, { whitelist: true });
  if (errors.length) {
    throw new SandboxError(400, `Invalid request body: ${errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ')}`);
  }
  return instance;
}
