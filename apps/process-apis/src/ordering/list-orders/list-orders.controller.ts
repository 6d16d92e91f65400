import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListOrdersQueryDto, OrderPageDto } from '@contracts';
import { ListOrdersService } from './list-orders.service.js';

@ApiTags('orders')
@Controller('v1/orders')
export class ListOrdersController {
  constructor(private readonly listOrders: ListOrdersService) {}

  @Get()
  @ApiOperation({ summary: "A customer's orders (one partner's, when given), newest first, with cursor pagination and filters." })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor.' })
  list(@Query() query: ListOrdersQueryDto): Promise<OrderPageDto> {
    return this.listOrders.execute(query);
  }
}
