import { describe, expect, it } from '@jest/globals';
import { decodeSkipCursor, encodeSkipCursor } from './sap-cursor.js';
import { decimal, eqFilter, isoDay, keyPath, odataQuery, parseODataDate, sapMessage, toODataDate } from './sap-odata.js';

describe('OData v2 helpers', () => {
  it('reads Edm.Decimal strings as numbers, empty as zero', () => {
    expect(decimal('12.000', 'Q')).toBe(12);
    expect(decimal(' 8.75 ', 'Q')).toBe(8.75);
    expect(decimal('-3.5', 'Q')).toBe(-3.5);
    expect(decimal(4, 'Q')).toBe(4);
    expect(decimal('', 'Q')).toBe(0);
    expect(decimal(undefined, 'Q')).toBe(0);
    expect(() => decimal('12,5', 'Qty')).toThrow(/Qty is not a decimal/);
  });

  it('reads /Date(ms)/ with or without an offset, and ISO strings', () => {
    expect(parseODataDate('/Date(1767225600000)/', 'D')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseODataDate('/Date(1767225600000+0000)/', 'D')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseODataDate('2026-01-01T10:00:00Z', 'D')?.toISOString()).toBe('2026-01-01T10:00:00.000Z');
    expect(parseODataDate(null, 'D')).toBeUndefined();
    expect(parseODataDate('', 'D')).toBeUndefined();
    expect(() => parseODataDate('/Date(soon)/', 'CreationDate')).toThrow(/CreationDate is not a date/);
  });

  it('writes ISO dates as /Date(ms)/ at midnight UTC and back', () => {
    expect(toODataDate('2026-12-01')).toBe('/Date(1796083200000)/');
    expect(isoDay(parseODataDate(toODataDate('2026-12-01'), 'D')!)).toBe('2026-12-01');
  });

  it('quotes keys and filter values, doubling inner quotes', () => {
    expect(keyPath('A_Customer', '10100001')).toBe("A_Customer('10100001')");
    expect(keyPath('A_Customer', "O'Brien")).toBe("A_Customer('O''Brien')");
    expect(eqFilter({ SoldToParty: '10100001', PurchaseOrderByCustomer: "PO 'A'" })).toBe(
      "SoldToParty eq '10100001' and PurchaseOrderByCustomer eq 'PO ''A'''",
    );
  });

  it('encodes query options with %20 and drops undefined ones', () => {
    expect(odataQuery({ $filter: "Customer eq ''", $top: 5, $skip: undefined })).toBe("?$filter=Customer%20eq%20''&$top=5");
    expect(odataQuery({})).toBe('');
  });

  it("takes the message out of SAP's error body", () => {
    expect(sapMessage({ error: { code: 'SD/021', message: { lang: 'en', value: 'Material ABC does not exist' } } })).toBe('Material ABC does not exist');
    expect(sapMessage({ error: { message: 'plain' } })).toBe('plain');
    expect(sapMessage('<html>')).toBeUndefined();
    expect(sapMessage(undefined)).toBeUndefined();
  });
});

describe('catalog cursor', () => {
  it('round-trips an offset through an opaque base64url token', () => {
    const cursor = encodeSkipCursor(200);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSkipCursor(cursor)).toBe(200);
  });

  it('rejects tokens it did not make', () => {
    expect(decodeSkipCursor('not-a-cursor')).toBeUndefined();
    expect(decodeSkipCursor(Buffer.from('{"skip":-1}').toString('base64url'))).toBeUndefined();
    expect(decodeSkipCursor(Buffer.from('{"skip":"5"}').toString('base64url'))).toBeUndefined();
  });
});
