/** The opaque catalog cursor: base64url of `{"skip": n}`, so callers can't depend on SAP's $skip paging. */
export function encodeSkipCursor(skip: number): string {
  return Buffer.from(JSON.stringify({ skip })).toString('base64url');
}

/** The `$skip` a cursor stands for, or undefined when it was not made by encodeSkipCursor. */
export function decodeSkipCursor(cursor: string): number | undefined {
  try {
    const { skip } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { skip?: unknown };
    return Number.isSafeInteger(skip) && (skip as number) >= 0 ? (skip as number) : undefined;
  } catch {
    return undefined;
  }
}
