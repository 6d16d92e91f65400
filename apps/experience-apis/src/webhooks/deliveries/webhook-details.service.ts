import { Injectable } from '@nestjs/common';
import { type InvoiceWebhookDetails, ProcessApiClient, type ShipmentWebhookDetails } from '@contracts';
import { UpstreamError } from '@platform';
import type { EventDetails } from '../domain/webhook-events.js';
import type { ClaimedDelivery } from './webhook-delivery.repository.js';

/**
 * Reads what a partner needs to act on a shipment or invoice event (carrier and tracking,
 * lines, amounts) from the process layer, scoped to the partner's customer, just before the
 * first attempt: the channel events are thin, and the inbox transaction may not call out.
 */
@Injectable()
export class WebhookDetailsService {
  constructor(private readonly process: ProcessApiClient) {}

  /** The details, or undefined when the process layer has none for this customer (sent as is). Throws while it is unavailable. */
  async detailsOf(delivery: ClaimedDelivery): Promise<EventDetails | undefined> {
    const { data } = JSON.parse(delivery.body) as { data: { orderId?: string; shipmentId?: string; invoiceId?: string } };
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
      return undefined;
    } catch (error) {
      // not this customer's (or gone): the event is still worth sending without details
      if (error instanceof UpstreamError && error.upstreamStatus >= 400 && error.upstreamStatus < 500) return undefined;
      throw error;
    }
  }
}
