import type { FastifyRequest } from 'fastify';

/** OData v2 JSON date: `/Date(<ms since epoch>)/`. */
export function odataDate(ms: number): string {
  return `/Date(${ms})/`;
}

/** Accepts `/Date(ms)/` (optionally with an offset) or an ISO date; undefined when it is neither. */
export function parseODataDate(value: string): number | undefined {
  const wire = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  if (wire) return Number(wire[1]);
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/.test(value)) {
    const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value.endsWith('Z') ? value : `${value}Z`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** Midnight UTC of the given instant, as SAP stores dates (Edm.DateTime without time). */
export function startOfDayUtc(ms: number): number {
  return ms - (ms % 86_400_000);
}

/** Base URL of the OData services, as absolute URIs in `__metadata` need it. */
export function serviceRootOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}/sap/opu/odata/sap`;
}

/** Adds the `__metadata` block SAP puts on each entity. */
export function withMetadata<T extends object>(uri: string, type: string, entity: T): { __metadata: { id: string; uri: string; type: string } } & T {
  return { __metadata: { id: uri, uri, type }, ...entity };
}

export function odataEntity<T>(entity: T): { d: T } {
  return { d: entity };
}

export function odataList<T>(results: T[], count?: number): { d: { __count?: string; results: T[] } } {
  return { d: count === undefined ? { results } : { __count: String(count), results } };
}

/** OData literal for a string key, quotes doubled. */
export function keyLiteral(key: string): string {
  return `'${key.replace(/'/g, "''")}'`;
}
