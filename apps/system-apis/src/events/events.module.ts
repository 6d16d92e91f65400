import { Module } from '@nestjs/common';
import { EventPublisher } from './event.publisher.js';
import { ProcessLayerEventPublisher } from './process-layer-event.publisher.js';

@Module({
  providers: [{ provide: EventPublisher, useClass: ProcessLayerEventPublisher }],
  exports: [EventPublisher],
})
export class EventsModule {}
