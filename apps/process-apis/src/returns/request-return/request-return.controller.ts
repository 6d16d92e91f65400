import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CreateReturnDto, ReturnDto } from '@contracts';
import type { FastifyReply } from 'fastify';
import { RequestReturnService } from './request-return.service.js';

@ApiTags('returns')
@Controller('v1/returns')
export class RequestReturnController {
  constructor(private readonly requestReturn: RequestReturnService) {}

  @Post()
  @ApiOperation({
    summary:
      'Request a return (RMA): decided by the return policy (shipped less returned, return window, returnable items, reason codes); registered with the ERP and the WMS.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The channel request key; one return per key.' })
  @ApiCreatedResponse({ type: ReturnDto, description: 'Decided: authorized (RMA number), partially authorized or refused, with a refusal per line.' })
  @ApiOkResponse({ type: ReturnDto, description: 'The return decided earlier with the same key and body.' })
  @ApiNotFoundResponse({ description: 'ORDER.NOT_FOUND: no such order of this customer and partner.' })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY.KEY_REUSED: the key was used with another body; or the customer is unknown.' })
  async request(
    @Body() body: CreateReturnDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReturnDto> {
    const result = await this.requestReturn.execute(body, key);
    void reply.status(result.replayed ? 200 : 201);
    return result.return;
  }
}
