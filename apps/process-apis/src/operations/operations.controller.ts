import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BreakersDto, OpsOrderSearchResultDto, OrderSearchQueryDto, OrderStatsDto, OrderStatsQueryDto, OrderTimelineDto } from '@contracts';
import { NotFoundError, OperatorOnly } from '@platform';
import { OperationsOverviewService } from './operations-overview.service.js';
import { OrderTimelineService } from './order-timeline.service.js';

/** What the operations console reads: find an order, its timeline across the systems, orders over time, the breakers. */
@ApiTags('ops')
@OperatorOnly()
@Controller('v1/ops')
export class OperationsController {
  constructor(
    private readonly timelines: OrderTimelineService,
    private readonly overview: OperationsOverviewService,
  ) {}

  @Get('orders/search')
  @ApiOperation({ summary: 'Finds orders by order id, purchase order number, correlation id, ERP or OMS order number (exact), any status, newest first.' })
  @ApiOkResponse({ type: OpsOrderSearchResultDto })
  async search(@Query() query: OrderSearchQueryDto): Promise<OpsOrderSearchResultDto> {
    return { orders: await this.timelines.search(query.q) };
  }

  @Get('orders/:orderId/timeline')
  @ApiOperation({
    summary:
      "One order's timeline across the gateway, its events and dead letters, and the ERP, WMS and OMS (read live; one that cannot be read is listed as unavailable).",
  })
  @ApiOkResponse({ type: OrderTimelineDto })
  @ApiNotFoundResponse({ description: 'No such order (`ORDER.NOT_FOUND`).' })
  timeline(
    @Param('orderId', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('ORDER.NOT_FOUND', 'No such order.') })) orderId: string,
  ): Promise<OrderTimelineDto> {
    return this.timelines.timeline(orderId);
  }

  @Get('order-stats')
  @ApiOperation({ summary: 'Orders placed, rejected and failed, and order exceptions opened, per hour (UTC), for the console chart.' })
  @ApiOkResponse({ type: OrderStatsDto })
  async stats(@Query() query: OrderStatsQueryDto): Promise<OrderStatsDto> {
    return { buckets: await this.overview.orderStats(query.hours ?? 24) };
  }

  @Get('breakers')
  @ApiOperation({ summary: 'The circuit breakers of the process layer and of the system layer (from its readiness), by name.' })
  @ApiOkResponse({ type: BreakersDto })
  async breakers(): Promise<BreakersDto> {
    return { layers: await this.overview.breakerStates() };
  }
}
