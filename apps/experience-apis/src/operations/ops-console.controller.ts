import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BreakersDto, OrderTimelineDto, ProcessApiClient } from '@contracts';
import { BreakerRegistry, NotFoundError } from '@platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OpsAuthGuard } from '../auth/partner-auth.guard.js';
import { OrderTimelineService } from './order-timeline.service.js';

/** `/ops/v1/process/<path>` forwards to the process layer's `/v1/ops/<path>`: letters, digits, dashes and slashes only. */
const PROCESS_OPS_PATH = /^[a-z0-9-]+(\/[a-zA-Z0-9-]+)*$/;

/**
 * What the operations console reads beyond the experience layer's own admin API: an order's timeline
 * across every system, the breakers of all three layers, and the process layer's ops API (dead
 * letters, order exceptions, reconciliation, order search and stats), reached through this layer so
 * the console needs one origin and one token. Operators only; the operator's token goes on to the
 * process layer, which checks and audits it again.
 */
@ApiTags('ops')
@ApiBearerAuth()
@UseGuards(OpsAuthGuard)
@Controller('ops/v1')
export class OpsConsoleController {
  constructor(
    private readonly timelines: OrderTimelineService,
    private readonly process: ProcessApiClient,
    private readonly breakerRegistry: BreakerRegistry,
  ) {}

  @Get('orders/:orderId/timeline')
  @ApiOperation({
    summary:
      "One order's timeline: the gateway's records and events, the ERP, WMS and OMS (read live; one that cannot be read is listed as unavailable), its webhook deliveries and EDI documents; oldest first.",
  })
  @ApiOkResponse({ type: OrderTimelineDto })
  @ApiNotFoundResponse({ description: 'No such order (`ORDER.NOT_FOUND`).' })
  timeline(@Headers('authorization') authorization: string, @Param('orderId') orderId: string): Promise<OrderTimelineDto> {
    return this.timelines.timeline(authorization, orderId);
  }

  @Get('breakers')
  @ApiOperation({ summary: 'The circuit breakers of the experience, process and system layers, by name and state.' })
  @ApiOkResponse({ type: BreakersDto })
  async breakers(@Headers('authorization') authorization: string): Promise<BreakersDto> {
    const own = { layer: 'experience-apis', status: 'ok' as const, breakers: this.breakerRegistry.snapshot() };
    try {
      return { layers: [own, ...(await this.process.breakers(authorization)).layers] };
    } catch {
      return { layers: [own, { layer: 'process-apis', status: 'unavailable', breakers: {} }] };
    }
  }

  // The process layer documents these operations in its own catalog; this is only the way in.
  @Get('process/*')
  @ApiExcludeEndpoint()
  async forwardRead(@Req() request: FastifyRequest, @Headers('authorization') authorization: string, @Query() query: Record<string, string>): Promise<unknown> {
    return (await this.process.ops(authorization, 'GET', processOpsPath(request), { query })).body;
  }

  @Post('process/*')
  @ApiExcludeEndpoint()
  async forwardAction(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('authorization') authorization: string,
    @Body() body: unknown,
  ): Promise<unknown> {
    const answer = await this.process.ops(authorization, 'POST', processOpsPath(request), { body: body ?? {} });
    void reply.status(answer.status);
    return answer.body;
  }
}

function processOpsPath(request: FastifyRequest): string {
  const path = (request.url.split('?')[0] ?? '').replace(/^\/ops\/v1\/process\//, '');
  if (!PROCESS_OPS_PATH.test(path)) throw new NotFoundError('OPS.NOT_FOUND', 'No such operation.');
  return path;
}
