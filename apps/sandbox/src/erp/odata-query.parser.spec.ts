import { describe, expect, it } from '@jest/globals';
import { applyODataQuery, matchesFilter, ODataQueryError, parseEntitySegment, parseFilter, parseODataQuery } from './odata-query.parser.js';
import { odataDate, parseODataDate } from './odata.format.js';

describe('parseFilter', () => {
  it('parses eq terms joined by and, with typed literals', () => {
    expect(parseFilter("Customer eq '10100001' and CreditIsBlocked eq false and Qty eq 12.5 and X eq null")).toEqual([
      { field: 'Customer', value: '10100001' },
      { field: 'CreditIsBlocked', value: false },
      { field: 'Qty', value: 12.5 },
      { field: 'X', value: null },
    ]);
  });

  it('unescapes doubled quotes, accepts the empty string and redundant parentheses', () => {
    expect(parseFilter("(Name eq 'O''Brien') and (Customer eq '')")).toEqual([
      { field: 'Name', value: "O'Brien" },
      { field: 'Customer', value: '' },
    ]);
  });

  it('rejects what the sandbox does not support, with a clear message', () => {
    expect(() => parseFilter("Customer ne '1'")).toThrow(/operator 'ne'/);
    expect(() => parseFilter("A eq '1' or B eq '2'")).toThrow(/operator 'or'/);
    expect(() => parseFilter("Customer eq '1")).toThrow(ODataQueryError);
    expect(() => parseFilter('Customer eq')).toThrow(/literal/);
    expect(() => parseFilter("(A eq '1'")).toThrow(/missing '\)'/);
    expect(() => parseFilter("A eq '1' B")).toThrow(ODataQueryError);
  });
});

describe('parseODataQuery', () => {
  it('reads $top, $skip, $expand and $inlinecount', () => {
    expect(parseODataQuery({ $top: '5', $skip: '10', $expand: 'to_Item, to_Partner', $inlinecount: 'allpages', $format: 'json' })).toEqual({
      filter: [],
      top: 5,
      skip: 10,
      expand: ['to_Item', 'to_Partner'],
      inlineCount: true,
    });
  });

  it('rejects a negative or non-numeric $top', () => {
    expect(() => parseODataQuery({ $top: '-1' })).toThrow(/\$top/);
    expect(() => parseODataQuery({ $skip: 'x' })).toThrow(/\$skip/);
  });
});

describe('applyODataQuery', () => {
  const rows = [
    { Id: '1', Group: 'A', Amount: '12.000' },
    { Id: '2', Group: 'B', Amount: '3.500' },
    { Id: '3', Group: 'A', Amount: '7.000' },
  ];
  const fields = ['Id', 'Group', 'Amount'];

  it('filters, then pages, counting matches before paging', () => {
    const query = parseODataQuery({ $filter: "Group eq 'A'", $skip: '1', $top: '1' });
    expect(applyODataQuery(rows, query, fields)).toEqual({ rows: [rows[2]], count: 2 });
  });

  it('compares decimal strings numerically against number literals', () => {
    expect(matchesFilter(rows[0]!, [{ field: 'Amount', value: 12 }])).toBe(true);
  });

  it('rejects unknown properties', () => {
    expect(() => applyODataQuery(rows, parseODataQuery({ $filter: "Nope eq '1'" }), fields)).toThrow(/Property 'Nope'/);
  });
});

describe('parseEntitySegment', () => {
  it('splits a set and its key', () => {
    expect(parseEntitySegment('A_Customer')).toEqual({ set: 'A_Customer', key: undefined });
    expect(parseEntitySegment("A_Customer('10100001')")).toEqual({ set: 'A_Customer', key: '10100001' });
    expect(parseEntitySegment("A_Product(Product='SKU-1001')")).toEqual({ set: 'A_Product', key: 'SKU-1001' });
    expect(() => parseEntitySegment("A_Customer('1'")).toThrow(ODataQueryError);
  });
});

describe('OData dates', () => {
  it('round-trips /Date(ms)/ and accepts ISO dates', () => {
    expect(odataDate(1767225600000)).toBe('/Date(1767225600000)/');
    expect(parseODataDate('/Date(1767225600000)/')).toBe(1767225600000);
    expect(parseODataDate('/Date(1767225600000+0000)/')).toBe(1767225600000);
    expect(parseODataDate('2026-01-01')).toBe(1767225600000);
    expect(parseODataDate('2026-01-01T00:00:00')).toBe(1767225600000);
    expect(parseODataDate('01/01/2026')).toBeUndefined();
  });
});
