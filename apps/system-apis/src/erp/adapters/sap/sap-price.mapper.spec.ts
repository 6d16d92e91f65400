import { describe, expect, it } from '@jest/globals';
import { toPrices } from './sap-price.mapper.js';
import type { SapPriceCondition } from './sap.types.js';

const day = (iso: string) => `/Date(${Date.parse(iso)})/`;
const record = (material: string, rate: string, customer = '', extra: Partial<SapPriceCondition> = {}): SapPriceCondition => ({
  ConditionRecord: `${material}-${customer}`,
  ConditionType: 'PPR0',
  Material: material,
  Customer: customer,
  ConditionRateValue: rate,
  ConditionRateValueUnit: 'USD',
  ConditionQuantity: '1',
  ConditionQuantityUnit: 'EA',
  ConditionValidityStartDate: day('2026-01-01'),
  ConditionValidityEndDate: day('9999-12-31'),
  ...extra,
});
const on = new Date('2026-11-23T10:00:00Z');

describe('toPrices', () => {
  const list = [record('SKU-1', '10.00'), record('SKU-2', '20.00'), record('SKU-3', '30.00')];
  const customer = [record('SKU-2', '18.50', '10100001')];

  it("takes the customer's price over the list price", () => {
    expect(toPrices(customer, list, on)).toEqual([
      { sku: 'SKU-1', unitPrice: 10, currency: 'USD', source: 'list' },
      { sku: 'SKU-2', unitPrice: 18.5, currency: 'USD', source: 'customer' },
      { sku: 'SKU-3', unitPrice: 30, currency: 'USD', source: 'list' },
    ]);
  });

  it('answers the asked skus in the asked order and leaves out unpriced ones', () => {
    expect(toPrices(customer, list, on, ['SKU-3', 'NOPE', 'SKU-2']).map((p) => [p.sku, p.source])).toEqual([
      ['SKU-3', 'list'],
      ['SKU-2', 'customer'],
    ]);
  });

  it('divides by the condition quantity to get a price per base unit', () => {
    expect(toPrices([], [record('SKU-1', '105.00', '', { ConditionQuantity: '12' })], on)[0].unitPrice).toBe(8.75);
    expect(toPrices([], [record('SKU-1', '100.00', '', { ConditionQuantity: '3' })], on)[0].unitPrice).toBe(33.3333);
  });

  it('ignores records not valid today; validity days are inclusive', () => {
    const expired = record('SKU-2', '1.00', '10100001', { ConditionValidityEndDate: day('2026-11-22') });
    const future = record('SKU-2', '2.00', '10100001', { ConditionValidityStartDate: day('2026-11-24') });
    const endsToday = record('SKU-3', '3.00', '10100001', { ConditionValidityEndDate: day('2026-11-23') });
    expect(toPrices([expired, future, endsToday], list, on, ['SKU-2', 'SKU-3'])).toEqual([
      { sku: 'SKU-2', unitPrice: 20, currency: 'USD', source: 'list' },
      { sku: 'SKU-3', unitPrice: 3, currency: 'USD', source: 'customer' },
    ]);
  });

  it('takes the latest-starting of several valid records', () => {
    const older = record('SKU-1', '11.00', '', { ConditionValidityStartDate: day('2025-01-01') });
    const newer = record('SKU-1', '12.00', '', { ConditionValidityStartDate: day('2026-06-01') });
    expect(toPrices([], [newer, older], on)[0].unitPrice).toBe(12);
    expect(toPrices([], [older, newer], on)[0].unitPrice).toBe(12);
  });

  it('treats missing validity dates as open-ended', () => {
    const open = record('SKU-1', '9.00', '', { ConditionValidityStartDate: undefined, ConditionValidityEndDate: undefined });
    expect(toPrices([], [open], on)).toEqual([{ sku: 'SKU-1', unitPrice: 9, currency: 'USD', source: 'list' }]);
  });
});
