import type { ReturnDto, ReturnLineDto } from '@contracts';
import { inOrderedUnit, productIdsOf, type OrderedLine } from './outbound-documents.builder.js';
import { RETURN_DISPOSITION, RETURN_REQUEST_REASON, RETURN_RESPONSE_REASON } from './x12-codes.js';
import { decimal, isoToX12Date, segment, x12Date, x12Time, x12Unit, type Segment } from './x12.js';

/**
 * Body (without ST/SE) of the 180 Return Merchandise Authorization and Notification (004010,
 * functional group AN) we send for a return of an order that came in by EDI: the authorization
 * when the return is decided, a notification when the goods are received and when they are credited.
 */

/** Which 180 of a return: one of each per return and trading partner. */
export const RETURN_NOTICE_KINDS = ['authorized', 'received', 'credited'] as const;
export type ReturnNoticeKind = (typeof RETURN_NOTICE_KINDS)[number];

/** BGN01: the authorization is the original; the notifications confirm what became of it (BGN06 names the RMA). */
const PURPOSE = { authorized: '00', received: '06', credited: '06' } as const;

/** N9 qualifiers (128) the 180 carries. */
const REF = { rma: 'RZ', ourOrder: 'VN', creditMemo: 'CM', invoice: 'IV', buyerLine: 'LI', lot: 'LT', serial: 'SE' } as const;

/** QTY01 38: the original quantity, what the buyer asked to return (BLI03 holds what we authorized). */
const REQUESTED_QUANTITY = '38';

/** BGN02 when a refused return has no RMA number: the return id, compacted to the element's 30 characters. */
const rmaOf = (ret: ReturnDto): string => ret.rmaNumber ?? ret.returnId.replaceAll('-', '').toUpperCase().slice(0, 30);

/** A quantity of a line in the buyer's unit as ordered: `inLineUnit` is in the order line's unit (authorized, requested), otherwise base units (received). */
function quantityOf(line: ReturnLineDto, sent: OrderedLine | undefined, amount: number, inLineUnit: boolean): { quantity: string; unit: string } {
  if (inLineUnit || line.uom === 'EA' || !line.uom) {
    const unit = line.uom ? x12Unit(line.uom) : 'EA';
    return { quantity: decimal(amount), unit: inLineUnit ? unit : 'EA' };
  }
  const { quantity, unit } = inOrderedUnit(amount, sent);
  return { quantity: decimal(quantity), unit };
}

/** RDR of a line: RA (all authorized) with the buyer's reason, PA with the reason and why the rest was not, RD with our response. */
function dispositionOf(line: ReturnLineDto): Segment {
  const reason = RETURN_REQUEST_REASON[line.reasonCode];
  if (line.authorizedQuantity === 0) {
    return segment('RDR', RETURN_DISPOSITION.denied, '', line.refusal ? RETURN_RESPONSE_REASON[line.refusal] : '', line.refusal?.replaceAll('_', ' '));
  }
  if (line.refusal) {
    const refused = line.requestedQuantity - line.authorizedQuantity;
    return segment('RDR', RETURN_DISPOSITION.partiallyAuthorized, reason, '', `${refused} NOT AUTHORIZED ${line.refusal.replaceAll('_', ' ')}`);
  }
  return segment('RDR', RETURN_DISPOSITION.authorized, reason);
}

/** What the warehouse did with a line's goods, as RDR04 text: `RESTOCK 15 SCRAP 5`. */
const dispositionsText = (line: ReturnLineDto): string => line.dispositions.map((d) => `${d.disposition} ${d.quantity}`).join(' ');

/**
 * 180 for `kind`:
 * - BGN: purpose (00 the authorization, 06 a notification), the RMA number, date and time; a
 *   notification names the RMA again in BGN06.
 * - RDR: the return's disposition (RA authorized, PA partially, RD refused).
 * - PRF: the buyer's PO; N9 RZ the RMA, N9 VN our ERP return; on the credited notice N9 CM the
 *   credit memo, N9 IV each invoice credited, AMT N (net) and AMT TT (gross) credited.
 * - DTM 050 (received) on the notifications; N1 ST per warehouse the goods go back to.
 * - One BLI loop per line (refused lines only in the authorization): BLI with the buyer's product
 *   ids as ordered (BP, VP = our SKU), the quantity (authorized, or received in a notification) in
 *   the buyer's unit; N9 LI the buyer's PO101, N9 LT/SE the lot and serial; QTY 38 what was requested
 *   (authorization); RDR per line (received quantities' dispositions as text in RDR04).
 * - CTT: the number of BLI loops and the sum of their quantities.
 */
export function returnAuthorization(ret: ReturnDto, kind: ReturnNoticeKind, at: Date, ordered: readonly OrderedLine[] = []): Segment[] {
  const orderedOf = new Map(ordered.map((l) => [l.lineNumber, l]));
  const rma = rmaOf(ret);
  const heading =
    ret.status === 'refused'
      ? RETURN_DISPOSITION.denied
      : ret.status === 'partially_authorized'
        ? RETURN_DISPOSITION.partiallyAuthorized
        : RETURN_DISPOSITION.authorized;
  const body: Segment[] = [
    segment('BGN', PURPOSE[kind], rma, x12Date(at, 8), x12Time(at), '', kind === 'authorized' ? '' : rma),
    segment('RDR', kind === 'authorized' ? heading : RETURN_DISPOSITION.authorized),
    ...(ret.purchaseOrderNumber ? [segment('PRF', ret.purchaseOrderNumber)] : []),
  ];
  const received = ret.lines.map((l) => l.receivedQuantity).some((q) => q > 0);
  if (kind !== 'authorized' && received) body.push(segment('DTM', '050', isoToX12Date(ret.updatedAt)));
  if (ret.rmaNumber) body.push(segment('N9', REF.rma, ret.rmaNumber));
  if (ret.erpReturnNumber) body.push(segment('N9', REF.ourOrder, ret.erpReturnNumber));
  if (kind === 'credited' && ret.credit) {
    body.push(segment('N9', REF.creditMemo, ret.credit.creditMemoNumber), ...ret.credit.invoiceNumbers.map((n) => segment('N9', REF.invoice, n)));
    body.push(segment('AMT', 'N', decimal(ret.credit.netAmount, 2)), segment('AMT', 'TT', decimal(ret.credit.grossAmount, 2)));
  }
  for (const warehouse of new Set(ret.lines.map((l) => l.warehouseId).filter((w): w is string => w !== null))) {
    body.push(segment('N1', 'ST', warehouse, '91', warehouse));
  }
  const lines = kind === 'authorized' ? ret.lines : ret.lines.filter((l) => l.authorizedQuantity > 0);
  let total = 0;
  for (const line of lines) {
    const sent = line.lineNumber === null ? undefined : orderedOf.get(line.lineNumber);
    const amount = kind === 'authorized' ? line.authorizedQuantity : line.receivedQuantity;
    const { quantity, unit } = quantityOf(line, sent, amount, kind === 'authorized');
    total += Number(quantity);
    const [qualifier = 'VP', id = line.sku ?? 'UNKNOWN', ...more] = productIdsOf(sent, line.sku ?? 'UNKNOWN', 4);
    body.push(segment('BLI', qualifier, id, quantity, unit, '', '', '', ...more));
    const buyerLine = sent?.assignedId ?? (line.lineNumber === null ? undefined : String(line.lineNumber));
    if (buyerLine) body.push(segment('N9', REF.buyerLine, buyerLine));
    if (line.lot) body.push(segment('N9', REF.lot, line.lot));
    if (line.serial) body.push(segment('N9', REF.serial, line.serial));
    if (kind === 'authorized') {
      body.push(segment('QTY', REQUESTED_QUANTITY, decimal(line.requestedQuantity), unit), dispositionOf(line));
    } else {
      body.push(segment('RDR', RETURN_DISPOSITION.authorized, RETURN_REQUEST_REASON[line.reasonCode], '', dispositionsText(line)));
    }
  }
  body.push(segment('CTT', lines.length, decimal(total)));
  return body;
}
