import type { InvoiceDto, OrderDto, ShipmentDto } from '@contracts';
import { LINE_ACK } from './x12-codes.js';
import type { ProductId } from './purchase-order.mapper.js';
import { decimal, isoToX12Date, segment, x12Date, x12Time, x12Unit, type Segment } from './x12.js';

/**
 * Bodies (without ST/SE) of the documents we send: 855, 856, 810. The envelope and control
 * numbers come from writeInterchange and the allocator.
 */

/** What the 855 echoes from the 850 line: PO101 and the buyer's product ids. */
export interface OrderedLineEcho {
  readonly lineNumber: number;
  readonly assignedId: string;
  readonly productIds: readonly ProductId[];
}

/** BSN02 / shipment identification is at most 30 characters: the shipment's uuid without dashes, cut to 30. */
export const shipmentIdentification = (shipmentId: string): string => shipmentId.replaceAll('-', '').slice(0, 30);

/**
 * 855 purchase order acknowledgment: BAK02 AD (accepted as ordered), AC (accepted with
 * changes: something backordered or rejected) or RD (rejected); per line PO1 echoing the
 * buyer's ids, then one ACK per part of the line: IA ships now (with the promised ship date),
 * IB backordered (with the date supply covers it, if any), IR rejected.
 */
export function purchaseOrderAcknowledgment(order: OrderDto, orderDate: string, echoes: readonly OrderedLineEcho[], at: Date): Segment[] {
  const echoOf = new Map(echoes.map((e) => [e.lineNumber, e]));
  const changed = order.lines.some((l) => l.backordered.quantity > 0 || l.rejected.quantity > 0);
  const type = order.status === 'rejected' ? 'RD' : changed ? 'AC' : 'AD';
  const body: Segment[] = [segment('BAK', '00', type, order.purchaseOrderNumber, isoToX12Date(orderDate), '', '', '', order.erpOrderNumber, x12Date(at, 8))];
  for (const line of order.lines) {
    const echo = echoOf.get(line.lineNumber);
    const ids = echo?.productIds.length ? echo.productIds : [{ qualifier: 'VP', value: line.sku }];
    const unit = x12Unit(line.uom);
    body.push(
      segment(
        'PO1',
        echo?.assignedId ?? line.lineNumber,
        line.quantity,
        unit,
        decimal(line.unitPrice.amount),
        '',
        ...ids.flatMap((id) => [id.qualifier, id.value]),
      ),
    );
    const now = line.quantity - line.backordered.quantity - line.rejected.quantity;
    if (now > 0) {
      const shipDate = line.legs.map((leg) => leg.promisedShipDate).sort()[0];
      body.push(segment('ACK', LINE_ACK.accepted, now, unit, shipDate ? '068' : '', shipDate ? isoToX12Date(shipDate) : ''));
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
 * one HL I per shipment line with LIN (VP = SKU, LT = lot) and SN1 (quantity shipped).
 * CTT01 counts the HL segments.
 */
export function shipNotice(shipment: ShipmentDto, order: Pick<OrderDto, 'purchaseOrderNumber' | 'shipTo' | 'erpOrderNumber'>, at: Date): Segment[] {
  const shipped = new Date(shipment.shippedAt);
  const { shipTo } = order;
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
    body.push(
      segment('HL', index + 3, 2, 'I'),
      segment('LIN', line.lineNumber, 'VP', line.sku, ...(line.lot ? ['LT', line.lot] : [])),
      segment('SN1', line.lineNumber, line.quantity, x12Unit(line.uom)),
    );
  });
  body.push(segment('CTT', shipment.lines.length + 2));
  return body;
}

/** Cents for TDS01 (N2: two implied decimals). */
const cents = (amount: number): number => Math.round(amount * 100);

/**
 * 810 invoice: BIG (date, invoice number = the ERP billing document, PO number), REF VN (our
 * order number), one IT1 per line (quantity in eaches, unit price = net / quantity, VP = SKU),
 * TDS (total in cents), TXI (tax), CTT (number of IT1). A daily invoice billing several orders
 * numbers its IT1 in sequence (line numbers repeat across orders) and names each line's PO in
 * a REF PO of its IT1 loop.
 */
export function invoiceDocument(invoice: InvoiceDto, invoiceNumber: string, at: Date): Segment[] {
  const body: Segment[] = [
    segment('BIG', isoToX12Date(invoice.invoiceDate ?? at.toISOString()), invoiceNumber, '', invoice.purchaseOrderNumber),
    ...(invoice.erpOrderNumber ? [segment('REF', 'VN', invoice.erpOrderNumber)] : []),
  ];
  const orders = invoice.orders ?? [];
  const several = orders.length > 1;
  const poOf = new Map(orders.map((o) => [o.orderId, o.purchaseOrderNumber]));
  invoice.lines.forEach((line, index) => {
    const net = line.netAmount?.amount ?? 0;
    body.push(segment('IT1', several ? index + 1 : line.lineNumber, line.quantity, 'EA', decimal(net / line.quantity), '', 'VP', line.sku));
    if (several && line.orderId && poOf.has(line.orderId)) body.push(segment('REF', 'PO', poOf.get(line.orderId)));
  });
  const total = invoice.totalAmount?.amount ?? invoice.lines.reduce((sum, l) => sum + (l.netAmount?.amount ?? 0) + (l.taxAmount?.amount ?? 0), 0);
  body.push(segment('TDS', cents(total)));
  if (invoice.taxAmount) body.push(segment('TXI', 'TX', decimal(invoice.taxAmount.amount, 2)));
  body.push(segment('CTT', invoice.lines.length));
  return body;
}
