import type { ReturnDto, ReturnLineDto } from '@contracts';
import type { ReturnLineRecord, ReturnRecord } from './return.repository.js';

/** The wire shape of a return: channels see quantities, refusals, the warehouse, the ERP numbers and the credit. */
export function toReturnDto(ret: ReturnRecord): ReturnDto {
  return {
    returnId: ret.returnId,
    rmaNumber: ret.rmaNumber,
    status: ret.status,
    orderId: ret.orderId,
    purchaseOrderNumber: ret.purchaseOrderNumber,
    customerId: ret.customerId,
    partnerId: ret.partnerId,
    channel: ret.channel,
    lines: ret.lines.map(toLineDto),
    erpReturnNumber: ret.erpReturnNumber,
    credit: ret.credit ? { ...ret.credit, invoiceNumbers: [...ret.credit.invoiceNumbers] } : null,
    notes: ret.notes,
    createdAt: ret.createdAt,
    updatedAt: ret.updatedAt,
  };
}

function toLineDto(line: ReturnLineRecord): ReturnLineDto {
  return {
    lineNumber: line.lineNumber,
    sku: line.sku,
    uom: line.uom,
    reasonCode: line.reasonCode,
    requestedQuantity: line.requestedQuantity,
    authorizedQuantity: line.authorizedQuantity,
    refusal: line.refusal,
    warehouseId: line.authorizedQuantity > 0 ? line.warehouseId : null,
    ...(line.lot ? { lot: line.lot } : {}),
    ...(line.serial ? { serial: line.serial } : {}),
    receivedQuantity: line.receivedQuantity,
    dispositions: line.dispositions.map((d) => ({ disposition: d.disposition, quantity: d.quantity, ...(d.lot ? { lot: d.lot } : {}) })),
    creditedQuantity: line.creditedQuantity,
  };
}
