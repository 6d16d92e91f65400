import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EventEnvelopeDto } from '@contracts';
import { ChannelEventsTokenGuard } from './channel-events-token.guard.js';
import { ChannelEventsService } from './channel-events.service.js';

/** Internal: the process layer's push of channel events; not part of the partner catalog. */
@ApiExcludeController()
@UseGuards(ChannelEventsTokenGuard)
@Controller('internal/v1/channel-events')
export class ChannelEventsController {
  constructor(private readonly events: ChannelEventsService) {}

  @Post()
  @HttpCode(202)
  accept(@Body() event: EventEnvelopeDto): Promise<{ eventId: string; duplicate: boolean }> {
    return this.events.accept(event);
  }
}
