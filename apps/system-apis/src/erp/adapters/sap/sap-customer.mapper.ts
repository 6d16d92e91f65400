import type { BillingPolicy, CustomerDto, FulfillmentPolicyDto, ShipCompleteFallback } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import { decimal, sapFlag } from './sap-odata.js';
import type { SapCustomer } from './sap.types.js';

export function toCustomer(native: SapCustomer): CustomerDto {
  const blockReason = native.CreditBlockReason?.trim();
  return {
    customerId: native.Customer,
    name: native.CustomerName,
    country: native.Country ?? '',
    region: native.Region ?? '',
    ...(native.CityName ? { city: native.CityName } : {}),
    postalCode: native.PostalCode ?? '',
    ...(native.TaxNumber1?.trim() ? { taxNumber: native.TaxNumber1.trim() } : {}),
    currency: native.Currency ?? '',
    ...(native.CustomerPriceGroup ? { priceGroup: native.CustomerPriceGroup } : {}),
    paymentTerms: native.PaymentTerms ?? '',
    credit: {
      limit: decimal(native.CreditLimitAmount, 'CreditLimitAmount'),
      exposure: decimal(native.CreditExposureAmount, 'CreditExposureAmount'),
      blocked: sapFlag(native.CreditIsBlocked),
      ...(blockReason ? { blockReason } : {}),
    },
    fulfillmentPolicy: toFulfillmentPolicy(native),
    billingPolicy: toBillingPolicy(native),
    returnWindowDays: toReturnWindowDays(native),
  };
}

/** The custom field `YY1_ReturnWindowDays`: whole days, or none agreed (empty, null, never sent). */
function toReturnWindowDays(native: SapCustomer): number | null {
  const raw = native.YY1_ReturnWindowDays;
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  const days = decimal(raw, 'YY1_ReturnWindowDays');
  if (!Number.isInteger(days) || days < 0)
    throw unmappable('erp', `Customer ${native.Customer} has YY1_ReturnWindowDays ${JSON.stringify(raw)}, which is not a whole number of days`);
  return days;
}

/** The custom field `YY1_BillingPolicy`: `S` an invoice per shipment (also when never set), `D` one a day. */
const billingPolicies: ReadonlyMap<string, BillingPolicy> = new Map<string, BillingPolicy>([
  ['', 'per_shipment'],
  ['S', 'per_shipment'],
  ['D', 'daily'],
]);

function toBillingPolicy(native: SapCustomer): BillingPolicy {
  const code = native.YY1_BillingPolicy?.trim() ?? '';
  const policy = billingPolicies.get(code);
  if (!policy) throw unmappable('erp', `Customer ${native.Customer} has YY1_BillingPolicy ${JSON.stringify(code)}, which is neither S nor D`);
  return policy;
}

/** The custom field `YY1_BackorderPolicy`; a customer never given one gets the ERP's default, `B`. */
const fallbacks: ReadonlyMap<string, ShipCompleteFallback> = new Map<string, ShipCompleteFallback>([
  ['', 'backorder'],
  ['B', 'backorder'],
  ['R', 'reject'],
]);

function toFulfillmentPolicy(native: SapCustomer): FulfillmentPolicyDto {
  const code = native.YY1_BackorderPolicy?.trim() ?? '';
  const whenShipCompleteImpossible = fallbacks.get(code);
  if (!whenShipCompleteImpossible)
    throw unmappable('erp', `Customer ${native.Customer} has YY1_BackorderPolicy ${JSON.stringify(code)}, which is neither B nor R`);
  return {
    shipComplete: sapFlag(native.CompleteDeliveryIsDefined),
    whenShipCompleteImpossible,
    backorderWithoutDate: sapFlag(native.YY1_BackorderUndated),
  };
}
