import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, OperatorOnly, type Caller } from '@platform';
import { OpsOrderExceptionDto, OrderExceptionListDto, OrderExceptionsQueryDto, ResolveOrderExceptionDto } from './order-exceptions.dto.js';
import { encodeExceptionCursor, orderExceptionNotFound, OrderExceptionsService } from './order-exceptions.service.js';

/** Warehouse events that could not be applied to an order (invalid transitions, unknown legs), for operations. */
@ApiTags('ops')
@OperatorOnly()
@Controller('v1/ops/order-exceptions')
export class OrderExceptionsController {
  constructor(private readonly exceptions: OrderExceptionsService) {}

  @Get()
  @ApiOperation({ summary: 'The warehouse events not applied to an order, and why (an invalid transition is never a silent overwrite); oldest first.' })
  @ApiOkResponse({ type: OrderExceptionListDto })
  async list(@Query() query: OrderExceptionsQueryDto): Promise<OrderExceptionListDto> {
    const page = await this.exceptions.list({ orderId: query.orderId, status: query.status }, query.limit ?? 50, query.cursor);
    return {
      exceptions: page.exceptions.map((e) => OpsOrderExceptionDto.from(e)),
      ...(page.nextAfterId === undefined ? {} : { nextCursor: encodeExceptionCursor(page.nextAfterId) }),
    };
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Closes an open exception with what was done about it (stored and audited as `order_exception.resolved`).' })
  @ApiOkResponse({ type: OpsOrderExceptionDto })
  @ApiNotFoundResponse({ description: 'No such exception (`ORDER_EXCEPTION.NOT_FOUND`).' })
  @ApiConflictResponse({ description: 'Already resolved (`ORDER_EXCEPTION.ALREADY_RESOLVED`).' })
  async resolve(@Param('id') id: string, @Body() body: ResolveOrderExceptionDto, @CurrentCaller() caller: Caller): Promise<OpsOrderExceptionDto> {
    if (!/^\d{1,18}$/.test(id)) throw orderExceptionNotFound(id);
    return OpsOrderExceptionDto.from(await this.exceptions.resolve(id, body.resolution, caller));
  }
}
