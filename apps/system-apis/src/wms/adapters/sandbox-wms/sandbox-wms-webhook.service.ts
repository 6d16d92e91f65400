import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { currentCorrelationId } from '@platform';
import { EventPublisher } from '../../../events/event.publisher.js';
import type { SandboxWmsEventDto } from './sandbox-wms-event.dto.js';
import { toEventEnvelope } from './sandbox-wms-event.mapper.js';
import { SandboxWmsClient } from './sandbox-wms.client.js';

/** Turns a native WMS event into the canonical envelope and hands it to the process layer. */
@Injectable()
export class SandboxWmsWebhook {
  constructor(
    private readonly wms: SandboxWmsClient,
    private readonly events: EventPublisher,
  ) {}

  async receive(native: SandboxWmsEventDto): Promise<{ eventId: string }> {
    const event = toEventEnvelope(native, await this.wms.packSizesFor(native.lines), currentCorrelationId() ?? randomUUID());
    await this.events.publish(event);
    return { eventId: event.id };
  }
}
