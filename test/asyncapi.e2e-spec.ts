import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CHANNEL_EVENT_TYPES, WAREHOUSE_EVENT_TYPES } from '@contracts';
import { toEventEnvelope } from '../apps/system-apis/src/wms/adapters/sandbox-wms/sandbox-wms-event.mapper.js';
import type { SandboxWmsEventDto } from '../apps/system-apis/src/wms/adapters/sandbox-wms/sandbox-wms-event.dto.js';
import { buildAsyncApiDocument } from '../scripts/asyncapi.js';

@Module({})
class EmptyModule {}

type Schema = { properties?: Record<string, Schema>; required?: string[]; allOf?: Schema[]; items?: Schema; $ref?: string; enum?: unknown[] };
interface Catalog {
  channels: Record<string, { subscribe: { operationId: string; message: { $ref: string } } }>;
  components: { messages: Record<string, { payload: Schema }>; schemas: Record<string, Schema> };
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
    expect(Object.keys(catalog.channels).sort()).toEqual([...WAREHOUSE_EVENT_TYPES, ...CHANNEL_EVENT_TYPES].map((type) => `gateway.events.${type}`).sort());
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
