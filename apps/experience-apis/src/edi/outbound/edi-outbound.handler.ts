import { Injectable } from '@nestjs/common';
import type { EventEnvelopeDto, InvoiceEventData, OrderShipmentConfirmedData, ReturnEventDataDto } from '@contracts';
import type { Queryable } from '@platform';
import { ChannelEventHandler } from '../../channel-events/channel-event.handler.js';
import type { ReturnNoticeKind } from '../domain/return-authorization.builder.js';
import { OutboundJobRepository, type OutboundDocumentJobType } from './outbound-job.repository.js';

/** The 180 each return event asks for. */
const RETURN_NOTICES: Readonly<Record<string, ReturnNoticeKind>> = {
  'return.authorized': 'authorized',
  'return.received': 'received',
  'return.credited': 'credited',
};

/**
 * EDI's part of the channel events: a confirmed shipment of an EDI order becomes an 856 job,
 * an issued invoice billing EDI orders an 810 job per trading partner, when the partner wants
 * that document; a return of an EDI order a 180 per return event (authorization, goods received,
 * credited) when the partner wants 180s. Only enqueues (in the inbox transaction); the worker reads the details and
 * builds the document.
 */
@Injectable()
export class EdiOutboundHandler extends ChannelEventHandler {
  readonly name = 'edi-outbound';

  constructor(private readonly jobs: OutboundJobRepository) {
    super();
  }

  async handle(tx: Queryable, event: EventEnvelopeDto): Promise<void> {
    if (event.version !== 1) return;
    if (event.type === 'order.shipment_confirmed') {
      const data = event.data as unknown as OrderShipmentConfirmedData;
      if (data.order.channel !== 'edi' || !(await wants(tx, data.order.partnerId, '856'))) return;
      await this.jobs.enqueue(
        tx,
        data.order.partnerId,
        data.shipmentId,
        { documentType: '856', payload: { orderId: data.order.orderId, customerId: data.order.customerId, shipmentId: data.shipmentId } },
        event.correlationId,
      );
    } else if (event.type === 'invoice.issued') {
      const data = event.data as unknown as InvoiceEventData;
      const partners = new Set(data.orders.filter((o) => o.channel === 'edi').map((o) => o.partnerId));
      for (const partnerId of partners) {
        if (!(await wants(tx, partnerId, '810'))) continue;
        await this.jobs.enqueue(
          tx,
          partnerId,
          data.invoiceId,
          {
            documentType: '810',
            payload: {
              invoiceId: data.invoiceId,
              invoiceNumber: data.invoiceNumber,
              customerId: data.customerId,
              orderIds: data.orders.filter((o) => o.channel === 'edi' && o.partnerId === partnerId).map((o) => o.orderId),
            },
          },
          event.correlationId,
        );
      }
    } else if (RETURN_NOTICES[event.type]) {
      const data = event.data as unknown as ReturnEventDataDto;
      if (data.order.channel !== 'edi' || !(await wants(tx, data.order.partnerId, '180'))) return;
      const notice = RETURN_NOTICES[event.type];
      await this.jobs.enqueue(
        tx,
        data.order.partnerId,
        `${data.returnId}/${notice}`,
        { documentType: '180', payload: { returnId: data.returnId, customerId: data.order.customerId, orderId: data.order.orderId, notice } },
        event.correlationId,
      );
    }
  }
}

/** Read in the inbox transaction (not through another connection, which PGlite would make wait on this one). */
async function wants(tx: Queryable, tradingPartnerId: string, documentType: OutboundDocumentJobType): Promise<boolean> {
  const [row] = await tx.query<{ outbound_documents: string[] | string }>(
    'SELECT outbound_documents FROM edi_trading_partners WHERE trading_partner_id = $1 AND active',
    [tradingPartnerId],
  );
  if (!row) return false;
  const documents = typeof row.outbound_documents === 'string' ? (JSON.parse(row.outbound_documents) as string[]) : row.outbound_documents;
  return documents.includes(documentType);
}
