import { Injectable } from '@nestjs/common';
import { type InvoiceWebhookDetails, ProcessApiClient, type ReturnWebhookDetails, type ShipmentWebhookDetails } from '@contracts';
import { UpstreamError } from '@platform';
import type { EventDetails } from '../domain/webhook-events.js';
import type { ClaimedDelivery } from './webhook-delivery.repository.js';

/**
 * Reads what a partner needs to act on a shipment, invoice or return event (carrier and tracking,
 * lines, amounts, a return's lines and credit) from the process layer, scoped to the partner's
 * customer (and, for a return, to the partner), just before the
 * first attempt: the channel events are thin, and the inbox transaction may not call out.
 */
@Injectable()
export class WebhookDetailsService {
  constructor(private readonly process: ProcessApiClient) {}

  /** The details, or undefined when the process layer has none for this customer (sent as is). Throws while it is unavailable. */
  async detailsOf(delivery: ClaimedDelivery): Promise<EventDetails | undefined> {
    const { data } = JSON.parse(delivery.body) as { data: { orderId?: string; shipmentId?: string; invoiceId?: string; returnId?: string } };
    try {
      if (delivery.eventType === 'order.shipment_confirmed' && data.orderId && data.shipmentId) {
        const order = await this.process.getOrder(data.orderId, delivery.customerId);
        const shipment = order.shipments?.find((s) => s.shipmentId === data.shipmentId);
        return (
          shipment &&
          ({
            carrier: shipment.carrier ?? null,
            trackingNumber: shipment.trackingNumber ?? null,
            shippedAt: shipment.shippedAt,
            lines: shipment.lines,
          } satisfies ShipmentWebhookDetails)
        );
      }
      if (delivery.eventType.startsWith('invoice.') && data.invoiceId) {
        const invoice = await this.process.getInvoice(data.invoiceId, delivery.customerId);
        return {
          status: invoice.status,
          invoiceDate: invoice.invoiceDate ?? null,
          netAmount: invoice.netAmount ?? null,
          taxAmount: invoice.taxAmount ?? null,
          totalAmount: invoice.totalAmount ?? null,
          shipmentIds: invoice.shipmentIds,
          lines: invoice.lines,
        } satisfies InvoiceWebhookDetails;
      }
      if (delivery.eventType.startsWith('return.') && data.returnId) {
        // the return as it is now; the event's own rmaNumber and status stay (withDetails), the lines and credit are read
        const returned = await this.process.getReturn(data.returnId, { customerId: delivery.customerId, partnerId: delivery.partnerId });
        return { lines: returned.lines, credit: returned.credit } satisfies ReturnWebhookDetails;
      }
      return undefined;
    } catch (error) {
      // not this customer's (or gone): the event is still worth sending without details
      if (error instanceof UpstreamError && error.upstreamStatus >= 400 && error.upstreamStatus < 500) return undefined;
      throw error;
    }
  }
}
