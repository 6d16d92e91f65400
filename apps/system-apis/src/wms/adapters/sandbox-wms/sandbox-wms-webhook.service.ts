import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { currentCorrelationId } from '@platform';
import { EventPublisher } from '../../../events/event.publisher.js';
import { WmsInventory } from '../../wms.ports.js';
import type { SandboxWmsEventDto } from './sandbox-wms-event.dto.js';
import { toEventEnvelope } from './sandbox-wms-event.mapper.js';
import { stockTouchedBy, toInventoryChangedEnvelope } from './sandbox-wms-inventory-event.mapper.js';
import { SandboxWmsClient } from './sandbox-wms.client.js';

/**
 * Turns a native WMS event into the canonical envelope and hands it to the process layer; when the
 * event changed stock, follows it with one `inventory.changed` per (sku, warehouse) carrying the
 * figures read from the WMS right after. Any failure fails the webhook, so the WMS redelivers the
 * whole event and the consumers de-duplicate what they already have by id.
 */
@Injectable()
export class SandboxWmsWebhook {
  constructor(
    private readonly wms: SandboxWmsClient,
    private readonly inventory: WmsInventory,
    private readonly events: EventPublisher,
  ) {}

  async receive(native: SandboxWmsEventDto): Promise<{ eventId: string }> {
    const event = toEventEnvelope(native, await this.wms.packSizesFor(native.lines), currentCorrelationId() ?? randomUUID());
    await this.events.publish(event);
    const touched = stockTouchedBy(native);
    const positions = await Promise.all(touched.map((t) => this.inventory.getPosition(t.sku, t.warehouseId)));
    // One at a time, in line order, so the process layer sees them in a stable order.
    for (const [index, t] of touched.entries()) await this.events.publish(toInventoryChangedEnvelope(native, event, t, positions[index]));
    return { eventId: event.id };
  }
}
