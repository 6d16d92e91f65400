import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Order360PageDto, Order360QueryDto } from '@contracts';
import { Order360Service } from './order-360.service.js';

@ApiTags('orders')
@Controller('v1/customers')
export class Order360Controller {
  constructor(private readonly order360: Order360Service) {}

  @Get(':customerId/order-360')
  @ApiOperation({ summary: "A customer's orders from every channel, newest first, each with legs, shipments, invoices, backorders and open exceptions." })
  @ApiOkResponse({ type: Order360PageDto })
  @ApiBadRequestResponse({ description: 'Bad limit or cursor.' })
  page(@Param('customerId') customerId: string, @Query() query: Order360QueryDto): Promise<Order360PageDto> {
    return this.order360.page(customerId, query.limit, query.cursor);
  }
}
