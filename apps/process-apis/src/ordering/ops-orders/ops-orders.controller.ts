import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { decodeKeysetCursor, encodeKeysetCursor, OperatorOnly } from '@platform';
import { OrderRepository } from '../order.repository.js';
import { OpsOrdersQueryDto, UnsuccessfulOrderDto, UnsuccessfulOrderPageDto } from './ops-orders.dto.js';

/** Orders that did not go through, across partners, for operators (partners never see failed attempts). */
@ApiTags('ops')
@OperatorOnly()
@Controller('v1/ops/orders')
export class OpsOrdersController {
  constructor(private readonly orders: OrderRepository) {}

  @Get()
  @ApiOperation({ summary: 'Failed placement attempts and rejected orders of every partner, newest first, with the reason and correlation id.' })
  @ApiOkResponse({ type: UnsuccessfulOrderPageDto })
  async list(@Query() query: OpsOrdersQueryDto): Promise<UnsuccessfulOrderPageDto> {
    const after = query.cursor === undefined ? undefined : decodeKeysetCursor(query.cursor, 'ORDERS.INVALID_CURSOR');
    const page = await this.orders.listUnsuccessful({
      statuses: query.status ?? ['failed', 'rejected'],
      partnerId: query.partnerId,
      after: after && { createdAt: after.createdAt, orderId: after.id },
      limit: query.limit ?? 50,
    });
    return {
      orders: page.attempts.map((o) => UnsuccessfulOrderDto.from(o)),
      ...(page.next ? { nextCursor: encodeKeysetCursor({ createdAt: page.next.createdAt, id: page.next.orderId }) } : {}),
    };
  }
}
