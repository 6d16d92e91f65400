import type { ReturnCreditDto, ReturnDto } from '@contracts';
import { toV2Money } from '../v2/b2b-v2.mapper.js';
import type { B2bV2ReturnCreditDto, B2bV2ReturnDto } from './b2b-v2-return.dto.js';

/** A return as a partner sees it: the process layer's, without the ERP customer, partner and channel, money as v2 decimal strings. */
export function toB2bV2Return(returned: ReturnDto): B2bV2ReturnDto {
  return {
    returnId: returned.returnId,
    rmaNumber: returned.rmaNumber,
    status: returned.status,
    orderId: returned.orderId,
    purchaseOrderNumber: returned.purchaseOrderNumber,
    lines: returned.lines,
    erpReturnNumber: returned.erpReturnNumber,
    credit: returned.credit && toB2bV2ReturnCredit(returned.credit),
    notes: returned.notes,
    createdAt: returned.createdAt,
    updatedAt: returned.updatedAt,
  };
}

function toB2bV2ReturnCredit(credit: ReturnCreditDto): B2bV2ReturnCreditDto {
  const money = (amount: number) => toV2Money({ amount, currency: credit.currency });
  return {
    creditMemoNumber: credit.creditMemoNumber,
    net: money(credit.netAmount),
    tax: money(credit.taxAmount),
    total: money(credit.grossAmount),
    invoiceNumbers: credit.invoiceNumbers,
    creditedAt: credit.creditedAt,
  };
}
