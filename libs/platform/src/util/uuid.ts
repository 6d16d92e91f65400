/**
 * A UUID in its canonical text form (8-4-4-4-12 hex digits, any case). Ids from paths and queries are checked
 * with it before they reach a `uuid` column in SQL: a malformed one is simply not found, not a database error.
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
