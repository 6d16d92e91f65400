import type { BillingPolicy, CustomerDto, FulfillmentPolicyDto, ShipCompleteFallback } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import { decimal } from './sap-odata.js';
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
  };
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

/** Edm.Boolean, or the ABAP flag `'X'` some services still send. */
function sapFlag(value: unknown): boolean {
  return value === true || value === 'X' || value === 'true';
}
