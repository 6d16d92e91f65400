import type { CreateWmsReturnReceiptDto, ReturnDisposition, ReturnReceiptStatus, WmsReturnReceiptDto, WmsReturnReceiptLineDto } from '@contracts';
import { unmappable } from '../../../vendor/vendor-error.js';
import type { WmsRmaLine, WmsRmaOrder, WmsRmaOrderCreate } from './sandbox-wms.types.js';

const STATUSES: ReadonlyMap<number, ReturnReceiptStatus> = new Map<number, ReturnReceiptStatus>([
  [100, 'expected'],
  [300, 'received'],
]);

const DISPOSITIONS: ReadonlyMap<string, ReturnDisposition> = new Map<string, ReturnDisposition>([
  ['RESTOCK', 'restock'],
  ['REFURB', 'refurbish'],
  ['SCRAP', 'scrap'],
]);

/** The WMS's disposition code in canonical terms; a code we don't know is the WMS breaking its contract. */
export function toDisposition(code: string | undefined, what: string): ReturnDisposition {
  const disposition = DISPOSITIONS.get(code ?? '');
  if (!disposition) throw unmappable('wms', `${what} has disposition ${JSON.stringify(code)}, which is not RESTOCK, REFURB or SCRAP`);
  return disposition;
}

/** Quantities go in eaches, so the WMS converts nothing. */
export function toRmaOrderCreate(receipt: CreateWmsReturnReceiptDto): WmsRmaOrderCreate {
  return {
    ext_ref: receipt.rmaNumber,
    site_id: receipt.warehouseId,
    lines: receipt.lines.map((line) => ({
      line_no: line.lineNumber,
      item_code: line.sku,
      qty: line.quantity,
      uom: 'EA',
      ...(line.lot === undefined ? {} : { lot_no: line.lot }),
    })),
  };
}

export function toReturnReceipt(native: WmsRmaOrder): WmsReturnReceiptDto {
  const status = STATUSES.get(native.status_code);
  if (!status) throw unmappable('wms', `RMA order ${native.rma_id} has status ${native.status_code}, which is neither 100 nor 300`);
  return {
    receiptId: native.rma_id,
    rmaNumber: native.ext_ref,
    warehouseId: native.site_id,
    status,
    overReceived: native.over_received === true,
    lines: [...native.lines].sort((a, b) => a.line_no - b.line_no).map((line) => toLine(native.rma_id, line)),
  };
}

function toLine(rmaId: string, line: WmsRmaLine): WmsReturnReceiptLineDto {
  const what = `RMA order ${rmaId} line ${line.line_no}`;
  return {
    lineNumber: line.line_no,
    sku: line.item_code,
    expectedQuantity: eaches(line.qty_ea, `${what} qty_ea`),
    receivedQuantity: eaches(line.qty_received_ea ?? 0, `${what} qty_received_ea`),
    receipts: (line.receipts ?? []).map((receipt) => ({
      disposition: toDisposition(receipt.disposition_code, what),
      quantity: eaches(receipt.qty_ea, `${what} receipt qty_ea`),
      ...(receipt.lot_no ? { lot: receipt.lot_no } : {}),
    })),
  };
}

function eaches(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw unmappable('wms', `${what} is not a quantity: ${JSON.stringify(value)}`);
  return value;
}
