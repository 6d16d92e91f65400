import type { CustomerDto } from '@contracts';
import { decimal } from './sap-odata.js';
import type { SapCustomer } from './sap.types.js';

export function toCustomer(native: SapCustomer): CustomerDto {
  const blockReason = native.CreditBlockReason?.trim();
  return {
    customerId: native.Customer,
    name: native.CustomerName,
    country: native.Country ?? '',
    region: native.Region ?? '',
    postalCode: native.PostalCode ?? '',
    currency: native.Currency ?? '',
    ...(native.CustomerPriceGroup ? { priceGroup: native.CustomerPriceGroup } : {}),
    paymentTerms: native.PaymentTerms ?? '',
    credit: {
      limit: decimal(native.CreditLimitAmount, 'CreditLimitAmount'),
      exposure: decimal(native.CreditExposureAmount, 'CreditExposureAmount'),
      blocked: sapFlag(native.CreditIsBlocked),
      ...(blockReason ? { blockReason } : {}),
    },
  };
}

/** Edm.Boolean, or the ABAP flag `'X'` some services still send. */
function sapFlag(value: unknown): boolean {
  return value === true || value === 'X' || value === 'true';
}
