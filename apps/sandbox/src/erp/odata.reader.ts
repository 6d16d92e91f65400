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

/**
 * A document entity set whose headers carry their items under `to_Item` (sales orders, billing documents, customer
 * returns): the header set, the `to_Item` navigation and, where SAP exposes it, the item set. Items are keyed by the
 * header's key field plus their own item number (`BillingDocument='9…',BillingDocumentItem='10'`).
 */
export interface DocumentSetSpec<K extends string, IK extends string, H extends Record<K, string>, I extends Record<K | IK, string>> {
  readonly service: string;
  /** E.g. `A_BillingDocument`; the items' set is `<set>Item`, the types `<service>.<set>Type` and `<service>.<set>ItemType`. */
  readonly set: string;
  /** The header's key field, which each item repeats (`BillingDocument`). */
  readonly key: K;
  /** The item's own number field (`BillingDocumentItem`). */
  readonly itemKey: IK;
  readonly fields: readonly (keyof H & string)[];
  /** The item set's filterable fields; absent where the item set is not read on its own (sales orders). */
  readonly itemFields?: readonly (keyof I & string)[];
  readonly documents: () => ReadonlyMap<string, { readonly header: H; readonly items: readonly I[] }>;
}

export class DocumentEntitySet<K extends string, IK extends string, H extends Record<K, string>, I extends Record<K | IK, string>> {
  constructor(private readonly spec: DocumentSetSpec<K, IK, H, I>) {}

  /** The answer to a deep insert: the created header with its items inline. */
  created(header: H, request: FastifyRequest): object {
    const root = serviceRootOf(request);
    const uri = `${root}/${this.spec.service}/${this.spec.set}(${keyLiteral(header[this.spec.key])})`;
    return odataEntity(withMetadata(uri, this.headerSpec().type, this.renderHeader(header, root, uri, true)));
  }

  /** `<set>` or `<set>('<key>')`, items inline with `$expand=to_Item`. */
  read(segment: string, query: Record<string, unknown>, request: FastifyRequest): object {
    return readEntitySet(this.headerSpec(), segment, query, request);
  }

  /** `<set>('<key>')/to_Item`. */
  readItemsOf(segment: string, request: FastifyRequest): object {
    const { key } = parseSegmentOf(this.spec.set, segment);
    if (key === undefined) throw new SandboxError(404, `Resource not found for segment '${segment}/to_Item'`);
    const header = findByKey(this.headerSpec(), key);
    return odataList(this.renderItems(header[this.spec.key], serviceRootOf(request)));
  }

  /** `<set>Item`, e.g. `$filter=ReferenceSDDocument eq '4500000001'`; list reads only (the key is composite). */
  readItems(query: Record<string, unknown>, request: FastifyRequest): object {
    const { key, itemKey } = this.spec;
    const itemSet = `${this.spec.set}Item`;
    return readEntitySet(
      {
        service: this.spec.service,
        set: itemSet,
        type: `${this.spec.service}.${itemSet}Type`,
        rows: [...this.spec.documents().values()].flatMap((document) => document.items),
        keyOf: (item) => `${item[key]}/${item[itemKey]}`,
        keyPredicate: (item) => this.itemKeyPredicate(item),
        fields: this.spec.itemFields ?? [],
      },
      itemSet,
      query,
      request,
    );
  }

  private headerSpec(): EntitySetSpec<H> {
    return {
      service: this.spec.service,
      set: this.spec.set,
      type: `${this.spec.service}.${this.spec.set}Type`,
      rows: [...this.spec.documents().values()].map((document) => document.header),
      keyOf: (header) => header[this.spec.key],
      fields: this.spec.fields,
      navigations: ['to_Item'],
      render: (header, { uri, root, expand }) => this.renderHeader(header, root, uri, expand.includes('to_Item')),
    };
  }

  private renderHeader(header: H, root: string, uri: string, expandItems: boolean): object {
    return { ...header, to_Item: expandItems ? { results: this.renderItems(header[this.spec.key], root) } : { __deferred: { uri: `${uri}/to_Item` } } };
  }

  private renderItems(key: string, root: string): object[] {
    const { service, set } = this.spec;
    const items = this.spec.documents().get(key)?.items ?? [];
    return items.map((item) => withMetadata(`${root}/${service}/${set}Item(${this.itemKeyPredicate(item)})`, `${service}.${set}ItemType`, item));
  }

  private itemKeyPredicate(item: I): string {
    const { key, itemKey } = this.spec;
    return `${key}=${keyLiteral(item[key])},${itemKey}=${keyLiteral(item[itemKey])}`;
  }
}
