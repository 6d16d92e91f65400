import type { InvoiceDto, OrderDto, ShipmentDto } from '@contracts';
import { ACK_TYPE, LINE_ACK } from './x12-codes.js';
import type { ProductId } from './purchase-order.mapper.js';
import { decimal, isoToX12Date, segment, x12Date, x12Time, x12Unit, type Segment } from './x12.js';

/**
 * Bodies (without ST/SE) of the documents we send: 855, 856, 810. The envelope and control
 * numbers come from writeInterchange and the allocator.
 */

/**
 * A PO1 line as the buyer sent it, kept with the order: what the 855, 856 and 810 echo so the
 * buyer can match them line by line (three-way match: PO, receipt, invoice).
 */
export interface OrderedLine {
  readonly lineNumber: number;
  /** PO101 as sent. */
  readonly assignedId: string;
  /** PO106/PO107 … as sent (VP, BP, …). */
  readonly productIds: readonly ProductId[];
  /** PO103 as sent (EA or CA). */
  readonly unit?: string;
  /** PO102 as sent. */
  readonly quantity?: number;
  /** PO104 as sent, per `unit`; absent when the buyer sent no price. */
  readonly unitPrice?: number;
  /** Eaches in one `unit` (1 for EA, the pack size for a case), to state shipped and billed eaches in it. */
  readonly eachesPerUnit?: number;
}

/** BSN02 / shipment identification is at most 30 characters of the basic set: the shipment's uuid without dashes, upper case, cut to 30. */
export const shipmentIdentification = (shipmentId: string): string => shipmentId.replaceAll('-', '').toUpperCase().slice(0, 30);

/** Prices compared at the four decimals an X12 price carries here. */
const sameAmount = (a: number, b: number) => Math.round(a * 10_000) === Math.round(b * 10_000);

/**
 * The buyer's product ids of a line as sent (VP = our SKU when none was), and with `addOurs` our
 * SKU as VP after them when the buyer sent no VP; at most `pairs` qualifier/id pairs (what the segment has room for).
 */
export function productIdsOf(ordered: OrderedLine | undefined, sku: string, pairs: number, addOurs = true): string[] {
  const sent = ordered?.productIds.length ? ordered.productIds : [];
  const ids = sent.some((id) => id.qualifier === 'VP') || (sent.length && !addOurs) ? sent : [...sent, { qualifier: 'VP', value: sku }];
  return ids.slice(0, pairs).flatMap((id) => [id.qualifier, id.value]);
}

/** A quantity in eaches stated in the unit the buyer ordered in (e.g. 24 EA ordered as cases of 12: 2 CA); eaches when unknown. */
export function inOrderedUnit(eaches: number, ordered: OrderedLine | undefined): { quantity: number; unit: string } {
  if (!ordered?.unit || !ordered.eachesPerUnit) return { quantity: eaches, unit: 'EA' };
  return { quantity: Number(decimal(eaches / ordered.eachesPerUnit)), unit: ordered.unit };
}

/**
 * 855 purchase order acknowledgment. BAK02: AD accepted as ordered, AC accepted with changes
 * (a price or quantity other than ordered, something backordered or rejected), RD rejected.
 * Per line, PO1 echoes the buyer's PO101 and ids with our quantity, unit and price, then one ACK
 * per part of the line: what ships now is IA (as ordered), IP (price changed), IQ (quantity
 * changed: part of it is rejected) or IC (both), with the promised ship date; IB backordered
 * (with the date supply covers it, if any); IR rejected.
 */
export function purchaseOrderAcknowledgment(order: OrderDto, orderDate: string, ordered: readonly OrderedLine[], at: Date): Segment[] {
  const orderedOf = new Map(ordered.map((e) => [e.lineNumber, e]));
  const changes = new Map(
    order.lines.map((line) => {
      const sent = orderedOf.get(line.lineNumber);
      const price = sent?.unitPrice !== undefined && !sameAmount(sent.unitPrice, line.unitPrice.amount);
      const quantity = line.rejected.quantity > 0 || (sent?.quantity !== undefined && sent.quantity !== line.quantity);
      return [line.lineNumber, { price, quantity }];
    }),
  );
  const changed = order.lines.some((l) => l.backordered.quantity > 0 || changes.get(l.lineNumber)!.price || changes.get(l.lineNumber)!.quantity);
  const type = order.status === 'rejected' ? ACK_TYPE.rejected : changed ? ACK_TYPE.withChanges : ACK_TYPE.asOrdered;
  const body: Segment[] = [segment('BAK', '00', type, order.purchaseOrderNumber, isoToX12Date(orderDate), '', '', '', order.erpOrderNumber, x12Date(at, 8))];
  for (const line of order.lines) {
    const sent = orderedOf.get(line.lineNumber);
    const unit = x12Unit(line.uom);
    body.push(
      segment('PO1', sent?.assignedId ?? line.lineNumber, line.quantity, unit, decimal(line.unitPrice.amount), '', ...productIdsOf(sent, line.sku, 10, false)),
    );
    const now = line.quantity - line.backordered.quantity - line.rejected.quantity;
    if (now > 0) {
      const { price, quantity } = changes.get(line.lineNumber)!;
      const code = price && quantity ? LINE_ACK.changed : price ? LINE_ACK.priceChanged : quantity ? LINE_ACK.quantityChanged : LINE_ACK.accepted;
      const shipDate = line.legs.map((leg) => leg.promisedShipDate).sort()[0];
      body.push(segment('ACK', code, now, unit, shipDate ? '068' : '', shipDate ? isoToX12Date(shipDate) : ''));
    }
    if (line.backordered.quantity > 0) {
      const date = line.backordered.promisedDate;
      body.push(segment('ACK', LINE_ACK.backordered, line.backordered.quantity, unit, date ? '068' : '', date ? isoToX12Date(date) : ''));
    }
    if (line.rejected.quantity > 0) body.push(segment('ACK', LINE_ACK.rejected, line.rejected.quantity, unit));
  }
  body.push(
    segment(
      'CTT',
      order.lines.length,
      order.lines.reduce((sum, l) => sum + l.quantity, 0),
    ),
  );
  return body;
}

/**
 * 856 ship notice, hierarchy 0004 (shipment, order, item): HL S with TD5 (carrier SCAC),
 * REF CN (tracking), DTM 011 (shipped) and the ship-to/ship-from; HL O with PRF (the PO);
 * one HL I per shipment line with LIN (the buyer's PO101 and product ids as ordered, e.g. BP,
 * VP = our SKU, LT = lot) and SN1 (quantity shipped in the buyer's unit as ordered).
 * CTT01 counts the HL segments.
 */
export function shipNotice(
  shipment: ShipmentDto,
  order: Pick<OrderDto, 'purchaseOrderNumber' | 'shipTo' | 'erpOrderNumber'>,
  at: Date,
  ordered: readonly OrderedLine[] = [],
): Segment[] {
  const shipped = new Date(shipment.shippedAt);
  const { shipTo } = order;
  const orderedOf = new Map(ordered.map((l) => [l.lineNumber, l]));
  const body: Segment[] = [
    segment('BSN', '00', shipmentIdentification(shipment.shipmentId), x12Date(at, 8), x12Time(at), '0004'),
    segment('HL', 1, '', 'S'),
    segment('TD5', 'B', '2', shipment.carrier ?? ''),
    ...(shipment.trackingNumber ? [segment('REF', 'CN', shipment.trackingNumber)] : []),
    segment('DTM', '011', x12Date(shipped, 8), x12Time(shipped)),
    segment('N1', 'ST', shipTo.name),
    segment('N3', shipTo.line1),
    segment('N4', shipTo.city, shipTo.region, shipTo.postalCode, shipTo.country),
    segment('N1', 'SF', shipment.warehouseId),
    segment('HL', 2, 1, 'O'),
    segment('PRF', order.purchaseOrderNumber),
    ...(order.erpOrderNumber ? [segment('REF', 'VN', order.erpOrderNumber)] : []),
  ];
  shipment.lines.forEach((line, index) => {
    const sent = orderedOf.get(line.lineNumber);
    const eaches = line.uom === 'EA' ? line.quantity : line.quantity * (sent?.eachesPerUnit ?? 1);
    const { quantity, unit } = sent ? inOrderedUnit(eaches, sent) : { quantity: line.quantity, unit: x12Unit(line.uom) };
    const assigned = sent?.assignedId ?? line.lineNumber;
    body.push(
      segment('HL', index + 3, 2, 'I'),
      segment('LIN', assigned, ...productIdsOf(sent, line.sku, line.lot ? 14 : 15), ...(line.lot ? ['LT', line.lot] : [])),
      segment('SN1', assigned, decimal(quantity), unit),
    );
  });
  body.push(segment('CTT', shipment.lines.length + 2));
  return body;
}

/** Cents for TDS01 (N2: two implied decimals). */
const cents = (amount: number): number => Math.round(amount * 100);

/**
 * 810 invoice: BIG (date, invoice number = the ERP billing document, PO number), REF VN (our
 * order number), one IT1 per line: the buyer's PO101, the quantity in the buyer's unit as
 * ordered, the unit price in that unit (net / quantity), the buyer's product ids as ordered (e.g.
 * BP) and VP = our SKU; then TDS (total in cents), TXI (tax), CTT (number of IT1). A daily
 * invoice billing several orders numbers its IT1 in sequence (line numbers repeat across orders),
 * names each line's PO in a REF PO of its IT1 loop and the buyer's PO line as product id PL.
 * `ordered` holds the buyer's lines by order id (lines of orders not placed from an 850 are billed in eaches with VP).
 */
export function invoiceDocument(
  invoice: InvoiceDto,
  invoiceNumber: string,
  at: Date,
  ordered: ReadonlyMap<string, readonly OrderedLine[]> = new Map(),
): Segment[] {
  const body: Segment[] = [
    segment('BIG', isoToX12Date(invoice.invoiceDate ?? at.toISOString()), invoiceNumber, '', invoice.purchaseOrderNumber),
    ...(invoice.erpOrderNumber ? [segment('REF', 'VN', invoice.erpOrderNumber)] : []),
  ];
  const orders = invoice.orders ?? [];
  const several = orders.length > 1;
  const poOf = new Map(orders.map((o) => [o.orderId, o.purchaseOrderNumber]));
  invoice.lines.forEach((line, index) => {
    const net = line.netAmount?.amount ?? 0;
    const sent = ordered.get(line.orderId ?? invoice.orderId)?.find((l) => l.lineNumber === line.lineNumber);
    const { quantity, unit } = inOrderedUnit(line.quantity, sent);
    const assigned = sent?.assignedId ?? String(line.lineNumber);
    const ids = productIdsOf(sent, line.sku, several ? 9 : 10);
    body.push(
      segment('IT1', several ? index + 1 : assigned, decimal(quantity), unit, decimal(net / quantity), '', ...ids, ...(several ? ['PL', assigned] : [])),
    );
    if (several && line.orderId && poOf.has(line.orderId)) body.push(segment('REF', 'PO', poOf.get(line.orderId)));
  });
  const total = invoice.totalAmount?.amount ?? invoice.lines.reduce((sum, l) => sum + (l.netAmount?.amount ?? 0) + (l.taxAmount?.amount ?? 0), 0);
  body.push(segment('TDS', cents(total)));
  if (invoice.taxAmount) body.push(segment('TXI', 'TX', decimal(invoice.taxAmount.amount, 2)));
  body.push(segment('CTT', invoice.lines.length));
  return body;
}
