import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { buildAsyncApiDocument, CHANNEL_EVENT_TYPES, type ChannelEventType, WAREHOUSE_EVENT_TYPES } from '@contracts';
import { CATEGORY_OF_EVENT, type EventDetails, partnerEventsOf, withDetails } from '../apps/experience-apis/src/webhooks/domain/webhook-events.js';
import { signatureHeader } from '../apps/experience-apis/src/webhooks/domain/webhook-signature.js';
import { toEventEnvelope } from '../apps/system-apis/src/wms/adapters/sandbox-wms/sandbox-wms-event.mapper.js';
import type { SandboxWmsEventDto } from '../apps/system-apis/src/wms/adapters/sandbox-wms/sandbox-wms-event.dto.js';
import { resolved, type Schema as CheckedSchema, schemaErrors } from './support/schema-check.js';

@Module({})
class EmptyModule {}

type Schema = { properties?: Record<string, Schema>; required?: string[]; allOf?: Schema[]; items?: Schema; $ref?: string; enum?: unknown[] };
interface Catalog {
  channels: Record<string, { subscribe: { operationId: string; message: { $ref: string } } }>;
  components: { messages: Record<string, { payload: Schema }>; schemas: Record<string, Schema> };
}

interface AsyncApi {
  channels: Record<string, { subscribe: { message: { $ref: string } } }>;
  components: { messages: Record<string, { payload: CheckedSchema; headers?: CheckedSchema }>; schemas: Record<string, CheckedSchema> };
}

describe('the event catalog (openapi/asyncapi.json)', () => {
  let app: NestFastifyApplication;
  let catalog: Catalog;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), { logger: false });
    catalog = buildAsyncApiDocument(app) as unknown as Catalog;
  });
  afterAll(() => app.close());

  const messageOf = (type: string) => catalog.components.messages[catalog.channels[`gateway.events.${type}`].subscribe.message.$ref.split('/').pop()!];
  const schemaOf = (ref: string) => catalog.components.schemas[ref.split('/').pop()!];

  it('has one channel per event type on the bus, its message the envelope with type, version and data pinned', () => {
    expect(
      Object.keys(catalog.channels)
        .filter((channel) => channel.startsWith('gateway.events.'))
        .sort(),
    ).toEqual([...WAREHOUSE_EVENT_TYPES, ...CHANNEL_EVENT_TYPES].map((type) => `gateway.events.${type}`).sort());
    const [envelope, pinned] = messageOf('inventory.changed').payload.allOf!;
    expect(schemaOf(envelope.$ref!).required).toEqual(
      expect.arrayContaining(['id', 'type', 'version', 'occurredAt', 'correlationId', 'source', 'subject', 'data']),
    );
    expect(pinned.properties!.type.enum).toEqual(['inventory.changed']);
    expect(pinned.properties!.version.enum).toEqual([1]);
    expect(schemaOf(pinned.properties!.data.$ref!).properties).toHaveProperty('reason');
    expect(schemaOf(messageOf('order.backordered').payload.allOf![1].properties!.data.$ref!).required).toEqual(['order', 'lines']);
  });

  it("documents exactly the fields of the system layer's real shipment event", () => {
    const native = {
      event_id: 'EV-1',
      event_code: 'OB_SHIPPED',
      event_ts: '2026-11-24T15:00:00Z',
      site_id: 'DC01',
      ob_order_id: 'OB-000001',
      ext_ref: '4500000001',
      carrier_scac: 'UPSN',
      tracking_no: '1Z999',
      lines: [{ line_no: 1, item_code: 'SKU-1001', qty: 2, uom: 'EA', lot_no: 'LOT-1', serial_nos: ['SN-1'] }],
    } as unknown as SandboxWmsEventDto;
    const event = toEventEnvelope(native, new Map(), 'corr-1');
    const data = schemaOf(messageOf(event.type).payload.allOf![1].properties!.data.$ref!);
    expect(Object.keys(data.properties!)).toEqual(expect.arrayContaining(Object.keys(event.data)));
    for (const field of data.required ?? []) expect(event.data).toHaveProperty(field);
    const line = schemaOf(data.properties!.lines.items!.$ref!);
    expect(Object.keys(line.properties!)).toEqual(expect.arrayContaining(Object.keys(event.data.lines[0])));
  });

  it('is committed as generated (npm run openapi writes it, openapi:check compares it)', () => {
    expect(JSON.parse(readFileSync('openapi/asyncapi.json', 'utf8'))).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument(app))));
  });
});

describe('the webhooks in the event catalog', () => {
  let app: NestFastifyApplication;
  let catalog: AsyncApi;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), { logger: false });
    catalog = buildAsyncApiDocument(app) as unknown as AsyncApi;
  });
  afterAll(() => app.close());

  const ref = { orderId: 'o-1', partnerId: 'acme', customerId: '10100001', channel: 'b2b', purchaseOrderNumber: 'PO-1' };
  /** A channel event of each type the process layer forwards, as the webhooks receive it. */
  const channelEvents: Record<ChannelEventType, object> = {
    'order.status_changed': { order: ref, status: 'on_hold', note: 'credit check' },
    'order.shipment_confirmed': { order: ref, shipmentId: 's-1', warehouseId: 'DC01' },
    'order.backordered': { order: ref, lines: [{ lineNumber: 1, sku: 'SKU-1', quantity: 5, uom: 'EA', promisedDate: null }] },
    'invoice.issued': { invoiceId: 'i-1', invoiceNumber: '90000001', customerId: '10100001', orders: [ref] },
    'invoice.paid': { invoiceId: 'i-1', invoiceNumber: '90000001', customerId: '10100001', orders: [ref] },
    'return.authorized': { returnId: 'r-1', rmaNumber: 'RMA-2026-000001', status: 'authorized', order: ref },
    'return.received': { returnId: 'r-1', rmaNumber: 'RMA-2026-000001', status: 'received', order: ref },
    'return.credited': { returnId: 'r-1', rmaNumber: 'RMA-2026-000001', status: 'credited', order: ref },
  };
  /** What WebhookDetailsService adds before the first attempt, as the process layer answers it. */
  const details: Record<string, EventDetails> = {
    shipment: {
      carrier: 'UPSN',
      trackingNumber: '1Z999',
      shippedAt: '2026-11-25T09:58:41.000Z',
      lines: [{ lineNumber: 1, sku: 'SKU-1', quantity: 5, uom: 'EA', lot: 'L-1', serialNumbers: ['SN-1'] }],
    },
    invoice: {
      status: 'open',
      invoiceDate: '2026-11-25',
      netAmount: { amount: 100, currency: 'USD' },
      taxAmount: null,
      totalAmount: { amount: 100, currency: 'USD' },
      shipmentIds: ['s-1'],
      lines: [{ lineNumber: 1, sku: 'SKU-1', quantity: 5, orderId: 'o-1', shipmentId: 's-1', netAmount: { amount: 100, currency: 'USD' } }],
    },
    return: {
      lines: [
        {
          lineNumber: 1,
          sku: 'SKU-1',
          uom: 'EA',
          reasonCode: 'DAMAGED',
          requestedQuantity: 5,
          authorizedQuantity: 5,
          refusal: null,
          warehouseId: 'DC01',
          lot: 'L-1',
          receivedQuantity: 5,
          dispositions: [
            { disposition: 'restock', quantity: 4, lot: 'L-1' },
            { disposition: 'scrap', quantity: 1 },
          ],
          creditedQuantity: 5,
        },
      ],
      credit: {
        creditMemoNumber: '90000002',
        currency: 'USD',
        netAmount: 100,
        taxAmount: 7,
        grossAmount: 107,
        invoiceNumbers: ['90000001'],
        creditedAt: '2026-12-07T10:15:00.000Z',
      },
    },
  };
  const message = (type: string) => catalog.components.messages[catalog.channels[`webhooks/${type}`].subscribe.message.$ref.split('/').pop()!];

  it('has a channel for every event type the experience layer sends partners, and none other', () => {
    const sent = Object.keys(channelEvents).filter(
      (type) => partnerEventsOf({ id: randomUUID(), type, occurredAt: '', data: channelEvents[type as ChannelEventType] }).length,
    );
    expect(Object.keys(catalog.channels).filter((channel) => channel.startsWith('webhooks/'))).toEqual(sent.sort().map((type) => `webhooks/${type}`));
    expect(Object.keys(CATEGORY_OF_EVENT).sort()).toEqual(sent.sort());
  });

  it.each(Object.keys(channelEvents))('documents exactly the body of a %s delivery, with and without its details', (type) => {
    const [event] = partnerEventsOf({ id: randomUUID(), type, occurredAt: '2026-11-25T10:00:00.000Z', data: channelEvents[type as ChannelEventType] });
    const { payload } = message(type);
    expect(schemaErrors(catalog, payload, JSON.parse(event.body))).toEqual([]);
    const extra = details[event.category];
    if (extra) expect(schemaErrors(catalog, payload, JSON.parse(withDetails(event.body, extra)))).toEqual([]);
    // the pinned type refuses another type's body, and a field the catalog does not name is reported
    const body = JSON.parse(event.body);
    expect(schemaErrors(catalog, payload, { ...body, type: 'order.other' })).toEqual([`$.type: "order.other" not in ["${type}"]`]);
    expect(schemaErrors(catalog, payload, { ...body, data: { ...body.data, customerId: '10100001' } })).toEqual(['$.data.customerId: not documented']);
  });

  it('documents the delivery headers, the signature with its pattern', () => {
    const headers = resolved(catalog, message('order.status_changed').headers!);
    expect(headers.required).toEqual(['Content-Type', 'User-Agent', 'Webhook-Id', 'Webhook-Event', 'Webhook-Delivery', 'Webhook-Signature']);
    const signature = signatureHeader('whsec_test', 1_764_000_000, '{}');
    expect(schemaErrors(catalog, headers.properties!['Webhook-Signature'], signature)).toEqual([]);
    expect(schemaErrors(catalog, headers.properties!['Webhook-Signature'], 'v1=abc')).not.toEqual([]);
  });
});
