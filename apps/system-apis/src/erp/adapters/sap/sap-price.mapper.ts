import type { PriceDto } from '@contracts';
import { decimal, isoDay, parseODataDate } from './sap-odata.js';
import type { SapPriceCondition } from './sap.types.js';

/**
 * Condition records -> one price per material: the customer's record wins over the list price.
 * Only records valid on the day of `on` count (validity dates are whole days, both inclusive);
 * among several, the latest-starting one is current.
 * `skus` (when given) selects and orders the answer; otherwise it is sorted by sku.
 */
export function toPrices(customerRecords: SapPriceCondition[], listRecords: SapPriceCondition[], on: Date, skus?: string[]): PriceDto[] {
  const customer = currentByMaterial(customerRecords, on);
  const list = currentByMaterial(listRecords, on);
  const wanted = skus ?? [...new Set([...customer.keys(), ...list.keys()])].sort();
  return wanted.flatMap((sku) => {
    const own = customer.get(sku);
    if (own) return [toPrice(own, 'customer')];
    const listed = list.get(sku);
    return listed ? [toPrice(listed, 'list')] : [];
  });
}

function toPrice(record: SapPriceCondition, source: PriceDto['source']): PriceDto {
  const per = decimal(record.ConditionQuantity, 'ConditionQuantity') || 1;
  const unitPrice = round4(decimal(record.ConditionRateValue, 'ConditionRateValue') / per);
  return { sku: record.Material, unitPrice, currency: record.ConditionRateValueUnit, source };
}

function currentByMaterial(records: SapPriceCondition[], on: Date): Map<string, SapPriceCondition> {
  const today = isoDay(on);
  const current = new Map<string, { record: SapPriceCondition; start: string }>();
  for (const record of records) {
    const start = day(record.ConditionValidityStartDate, 'ConditionValidityStartDate') ?? '';
    const end = day(record.ConditionValidityEndDate, 'ConditionValidityEndDate') ?? '9999-12-31';
    if (start > today || end < today) continue;
    const held = current.get(record.Material);
    if (!held || start > held.start) current.set(record.Material, { record, start });
  }
  return new Map([...current].map(([material, { record }]) => [material, record]));
}

function day(value: string | undefined, field: string): string | undefined {
  const date = parseODataDate(value, field);
  return date && isoDay(date);
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
