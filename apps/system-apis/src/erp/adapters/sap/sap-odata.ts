import { unmappable } from '../../../vendor/vendor-error.js';

/** OData v2 envelopes: `{d: entity}` and `{d: {results: entity[]}}`. */
export interface ODataEntity<T> {
  readonly d: T;
}
export interface ODataList<T> {
  readonly d: { readonly results: T[] };
}

/** Edm.Boolean, or the ABAP flag `'X'` some services still send. */
export function sapFlag(value: unknown): boolean {
  return value === true || value === 'X' || value === 'true';
}

/** Edm.Decimal arrives as a string (`"12.000"`); empty means zero. */
export function decimal(value: string | number | null | undefined, field: string): number {
  if (value === null || value === undefined || value === '') return 0;
  const number = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(number)) throw unmappable('erp', `${field} is not a decimal: ${JSON.stringify(value)}`);
  return number;
}

const odataDate = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** `/Date(1767225600000)/` (optionally with a `+0000` offset, which SAP sends but means UTC) -> Date. */
export function parseODataDate(value: string | null | undefined, field: string): Date | undefined {
  if (!value) return undefined;
  const match = odataDate.exec(value);
  const date = match ? new Date(Number(match[1])) : new Date(value);
  if (Number.isNaN(date.getTime())) throw unmappable('erp', `${field} is not a date: ${JSON.stringify(value)}`);
  return date;
}

/** ISO date (`2026-12-01`) -> `/Date(ms)/` at midnight UTC, as SAP expects Edm.DateTime. */
export function toODataDate(isoDate: string): string {
  return `/Date(${Date.parse(isoDate.slice(0, 10))})/`;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** An OData string literal: quoted, inner quotes doubled. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** An entity key path segment, e.g. `A_Customer('10100001')`. */
export function keyPath(entitySet: string, key: string): string {
  return `${entitySet}(${encodeURIComponent(literal(key))})`;
}

/** `$filter=A eq 'x' and B eq 'y'`. */
export function eqFilter(terms: Record<string, string>): string {
  return Object.entries(terms)
    .map(([field, value]) => `${field} eq ${literal(value)}`)
    .join(' and ');
}

/** Query string with spaces as `%20` (the OData spelling, not form-encoding `+`). */
export function odataQuery(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** SAP error body -> its message. */
export function sapMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: { value?: unknown } | string } } | undefined)?.error?.message;
  const value = typeof message === 'string' ? message : message?.value;
  return typeof value === 'string' ? value : undefined;
}
