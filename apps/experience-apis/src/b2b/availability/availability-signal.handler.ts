import { Injectable } from '@nestjs/common';
import { AvailabilityChangedData, type EventEnvelopeDto } from '@contracts';
import { ValidationError } from '@platform';
import { ChannelSignalHandler } from '../../channel-events/channel-event.handler.js';
import { AvailabilityEdgeCache } from './availability-edge.cache.js';

/** `availability.changed` from the process layer: the cache drops those skus (every sku for `null`). */
@Injectable()
export class AvailabilitySignalHandler extends ChannelSignalHandler {
  readonly type = AvailabilityChangedData.type;

  constructor(private readonly cache: AvailabilityEdgeCache) {
    super();
  }

  handle(event: EventEnvelopeDto): void {
    const { skus } = event.data as Partial<AvailabilityChangedData>;
    if (skus !== null && !(Array.isArray(skus) && skus.every((sku) => typeof sku === 'string'))) {
      throw new ValidationError([{ field: 'data.skus', messages: ['must be a list of skus, or null for every sku'] }]);
    }
    // a later version may say more, never less: what changed is dropped whatever the version
    this.cache.changed(skus);
  }
}
