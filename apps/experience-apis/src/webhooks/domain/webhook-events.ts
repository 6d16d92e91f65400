import {
  type ChannelEventType,
  type InvoiceEventData,
  type InvoiceWebhookDataDto,
  type InvoiceWebhookDetails,
  type OrderBackorderedData,
  type OrderBackorderedWebhookDataDto,
  type OrderRefDto,
  type OrderShipmentConfirmedData,
  type OrderShipmentConfirmedWebhookDataDto,
  type OrderStatusChangedData,
  type OrderStatusChangedWebhookDataDto,
  type ReturnEventDataDto,
  type ReturnWebhookDataDto,
  type ReturnWebhookDetails,
  type ShipmentWebhookDetails,
  WEBHOOK_CATALOG,
  type WebhookCategory,
  type WebhookEventDto,
  type WebhookOrderRefDto,
} from '@contracts';

export { WEBHOOK_CATEGORIES, type WebhookCategory } from '@contracts';

/** The category partners subscribe to for each event type they receive (WEBHOOK_CATALOG in libs/contracts). */
export const CATEGORY_OF_EVENT: Readonly<Partial<Record<ChannelEventType, WebhookCategory>>> = Object.fromEntries(
  Object.entries(WEBHOOK_CATALOG).map(([type, contract]) => [type, contract.category]),
);

/** The envelope fields the webhooks use of a channel event from the process layer. */
export interface ChannelEvent {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly data: object;
}

type OrderRef = Pick<OrderRefDto, 'orderId' | 'purchaseOrderNumber'> & { readonly partnerId?: string | null };

/** One partner's copy of an event: what goes into its subscriptions of `category`. */
export interface PartnerWebhookEvent {
  readonly partnerId: string;
  readonly category: WebhookCategory;
  readonly eventId: string;
  readonly eventType: string;
  /** The JSON body, serialised once: every attempt and redelivery sends (and signs) these bytes. */
  readonly body: string;
  /** Shipment, invoice and return events get their details (tracking, amounts, lines) from the process layer before they are sent. */
  readonly needsDetails: boolean;
}

const orderFields = (order: OrderRef): WebhookOrderRefDto => ({ orderId: order.orderId, purchaseOrderNumber: order.purchaseOrderNumber ?? null });

/** The `data` of a webhook body, as the contract documents it (before any details are added). */
type WebhookData =
  OrderStatusChangedWebhookDataDto | OrderShipmentConfirmedWebhookDataDto | OrderBackorderedWebhookDataDto | InvoiceWebhookDataDto | ReturnWebhookDataDto;

/**
 * Maps a channel event to the partner-facing webhook body, per partner concerned. Only what a
 * partner knows is kept (its order and PO numbers, shipment, invoice and return ids): never the ERP
 * customer, the channel or another partner's orders (an invoice may bill orders of several).
 * Unknown types map to nothing, so new process events don't reach partners unannounced.
 */
export function partnerEventsOf(event: ChannelEvent): PartnerWebhookEvent[] {
  const category = (CATEGORY_OF_EVENT as Readonly<Record<string, WebhookCategory | undefined>>)[event.type];
  if (!category) return [];
  const perPartner = new Map<string, WebhookData>();
  if (category === 'invoice') {
    const data = event.data as InvoiceEventData;
    const orders: readonly OrderRef[] = data.orders ?? [];
    for (const partnerId of new Set(orders.map((o) => o.partnerId).filter((p): p is string => !!p))) {
      perPartner.set(partnerId, {
        invoiceId: data.invoiceId,
        invoiceNumber: data.invoiceNumber ?? null,
        orders: orders.filter((o) => o.partnerId === partnerId).map(orderFields),
      } satisfies InvoiceWebhookDataDto);
    }
  } else {
    const order: OrderRef | undefined = (event.data as { order?: OrderRef }).order;
    if (!order?.partnerId) return [];
    perPartner.set(order.partnerId, orderEventData(category, orderFields(order), event.data));
  }
  return [...perPartner].map(([partnerId, partnerData]) => ({
    partnerId,
    category,
    eventId: event.id,
    eventType: event.type,
    body: JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt, data: partnerData } satisfies WebhookEventDto),
    needsDetails: category === 'shipment' || category === 'invoice' || category === 'return',
  }));
}

/** What the process layer adds to a shipment, invoice or return event (partner-facing fields only). */
export type EventDetails = ShipmentWebhookDetails | InvoiceWebhookDetails | ReturnWebhookDetails;

/** The body with the details merged into its data; the event's own fields win. */
export function withDetails(body: string, details: EventDetails): string {
  const event = JSON.parse(body) as { data: Record<string, unknown> };
  return JSON.stringify({ ...event, data: { ...event.data, ...details, ...event.data } });
}

function orderEventData(category: Exclude<WebhookCategory, 'invoice'>, order: WebhookOrderRefDto, data: object): WebhookData {
  switch (category) {
    case 'order': {
      const changed = data as OrderStatusChangedData;
      return { ...order, status: changed.status, note: changed.note ?? null } satisfies OrderStatusChangedWebhookDataDto;
    }
    case 'shipment': {
      const confirmed = data as OrderShipmentConfirmedData;
      return { ...order, shipmentId: confirmed.shipmentId, warehouseId: confirmed.warehouseId ?? null } satisfies OrderShipmentConfirmedWebhookDataDto;
    }
    case 'backorder':
      return {
        ...order,
        lines: ((data as OrderBackorderedData).lines ?? []).map((line) => ({
          lineNumber: line.lineNumber,
          sku: line.sku,
          quantity: line.quantity,
          uom: line.uom,
          promisedDate: line.promisedDate ?? null,
        })),
      } satisfies OrderBackorderedWebhookDataDto;
    case 'return': {
      const returned = data as ReturnEventDataDto;
      return { ...order, returnId: returned.returnId, rmaNumber: returned.rmaNumber, status: returned.status } satisfies ReturnWebhookDataDto;
    }
  }
}
