import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { ChannelEventsModule } from '../channel-events/channel-events.module.js';
import { PromisingModule } from '../promising/promising.module.js';
import { AvailabilityChangesPublisher } from './availability-changes.publisher.js';
import { AvailabilityController } from './availability.controller.js';
import { AvailabilityService } from './availability.service.js';

/**
 * Availability reads, answered from promising's ATP projection alone, and the signal that tells the
 * experience layer's availability cache when they change. Exports nothing.
 */
@Module({
  imports: [CatalogModule, PromisingModule, ChannelEventsModule],
  controllers: [AvailabilityController],
  providers: [AvailabilityService, AvailabilityChangesPublisher],
})
export class AvailabilityModule {}
