import { describe, expect, it } from '@jest/globals';
import { toCustomer } from './sap-customer.mapper.js';
import type { SapCustomer } from './sap.types.js';

const native: SapCustomer = {
  Customer: '10100001',
  CustomerName: 'ACME Industrial Supply',
  CityName: 'Columbus',
  PostalCode: '43004',
  Region: 'OH',
  Country: 'US',
  TaxNumber1: 'US123',
  CustomerPriceGroup: '01',
  PaymentTerms: 'NT30',
  Currency: 'USD',
  CreditLimitAmount: '50000.00',
  CreditExposureAmount: '12000.50',
  CreditIsBlocked: false,
  CreditBlockReason: '',
  CompleteDeliveryIsDefined: false,
  YY1_BackorderPolicy: 'B',
  YY1_BackorderUndated: false,
  YY1_ReturnWindowDays: '30',
};

describe('toCustomer', () => {
  it('maps names, address and the credit profile with decimals as numbers', () => {
    expect(toCustomer(native)).toEqual({
      customerId: '10100001',
      name: 'ACME Industrial Supply',
      country: 'US',
      region: 'OH',
      city: 'Columbus',
      postalCode: '43004',
      taxNumber: 'US123',
      currency: 'USD',
      priceGroup: '01',
      paymentTerms: 'NT30',
      credit: { limit: 50000, exposure: 12000.5, blocked: false },
      fulfillmentPolicy: { shipComplete: false, whenShipCompleteImpossible: 'backorder', backorderWithoutDate: false },
      billingPolicy: 'per_shipment',
      returnWindowDays: 30,
    });
  });

  it('maps the return window custom field: whole days, none agreed as null; anything else is unmappable', () => {
    expect(toCustomer({ ...native, YY1_ReturnWindowDays: '45.000' }).returnWindowDays).toBe(45);
    expect(toCustomer({ ...native, YY1_ReturnWindowDays: 0 }).returnWindowDays).toBe(0);
    for (const none of ['', ' ', null, undefined]) expect(toCustomer({ ...native, YY1_ReturnWindowDays: none }).returnWindowDays).toBeNull();
    expect(() => toCustomer({ ...native, YY1_ReturnWindowDays: '7.5' })).toThrow(/YY1_ReturnWindowDays "7.5", which is not a whole number of days/);
    expect(() => toCustomer({ ...native, YY1_ReturnWindowDays: '-1' })).toThrow(expect.objectContaining({ status: 502, code: 'ERP.UNMAPPABLE_RESPONSE' }));
    expect(() => toCustomer({ ...native, YY1_ReturnWindowDays: 'thirty' })).toThrow(/YY1_ReturnWindowDays/);
  });

  it('maps the ship-complete flag and the backorder custom fields into the fulfillment policy', () => {
    expect(toCustomer({ ...native, CompleteDeliveryIsDefined: true, YY1_BackorderPolicy: 'R' }).fulfillmentPolicy).toEqual({
      shipComplete: true,
      whenShipCompleteImpossible: 'reject',
      backorderWithoutDate: false,
    });
    expect(toCustomer({ ...native, CompleteDeliveryIsDefined: true }).fulfillmentPolicy.whenShipCompleteImpossible).toBe('backorder');
    expect(toCustomer({ ...native, YY1_BackorderUndated: true }).fulfillmentPolicy.backorderWithoutDate).toBe(true);
    expect(toCustomer({ ...native, CompleteDeliveryIsDefined: 'X' as unknown as boolean }).fulfillmentPolicy.shipComplete).toBe(true);
  });

  it('refuses a backorder policy other than B or R as an unmappable answer (502)', () => {
    expect(() => toCustomer({ ...native, YY1_BackorderPolicy: 'Z' })).toThrow(expect.objectContaining({ status: 502, code: 'ERP.UNMAPPABLE_RESPONSE' }));
    expect(() => toCustomer({ ...native, YY1_BackorderPolicy: 'constructor' })).toThrow(/YY1_BackorderPolicy/);
  });

  it('maps the billing policy custom field: S (or none) per shipment, D daily; anything else is unmappable', () => {
    expect(toCustomer({ ...native, YY1_BillingPolicy: 'S' }).billingPolicy).toBe('per_shipment');
    expect(toCustomer({ ...native, YY1_BillingPolicy: 'D' }).billingPolicy).toBe('daily');
    expect(() => toCustomer({ ...native, YY1_BillingPolicy: 'M' })).toThrow(/YY1_BillingPolicy "M", which is neither S nor D/);
  });

  it('maps a credit block with its reason', () => {
    const credit = toCustomer({ ...native, CreditIsBlocked: true, CreditBlockReason: 'Overdue receivables' }).credit;
    expect(credit).toEqual({ limit: 50000, exposure: 12000.5, blocked: true, blockReason: 'Overdue receivables' });
  });

  it("reads the ABAP flag 'X' as blocked", () => {
    expect(toCustomer({ ...native, CreditIsBlocked: 'X' as unknown as boolean }).credit.blocked).toBe(true);
  });

  it('tolerates missing optional fields', () => {
    const customer = toCustomer({ Customer: '1', CustomerName: 'Bare' });
    expect(customer).toEqual({
      customerId: '1',
      name: 'Bare',
      country: '',
      region: '',
      postalCode: '',
      currency: '',
      paymentTerms: '',
      credit: { limit: 0, exposure: 0, blocked: false },
      fulfillmentPolicy: { shipComplete: false, whenShipCompleteImpossible: 'backorder', backorderWithoutDate: false },
      billingPolicy: 'per_shipment',
      returnWindowDays: null,
    });
  });
});
