import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventEnvelopeDto } from '@contracts';
import { InboundEventsService } from './inbound-events.service.js';

@ApiTags('events')
@Controller('v1/events')
export class InboundEventsController {
  constructor(private readonly events: InboundEventsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Accept a canonical event from the system layer; a redelivered event is acknowledged and not applied again.' })
  @ApiAcceptedResponse({ description: '`{eventId, duplicate}`' })
  accept(@Body() event: EventEnvelopeDto): Promise<{ eventId: string; duplicate: boolean }> {
    return this.events.accept(event);
  }
}
