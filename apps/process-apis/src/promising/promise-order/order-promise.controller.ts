import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CreateOrderPromiseDto, OrderPromiseDto } from '@contracts';
import { OrderPromiseService } from './order-promise.service.js';

@ApiTags('promising')
@Controller('v1/order-promises')
export class OrderPromiseController {
  constructor(private readonly promises: OrderPromiseService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Quote: what can ship from where and when, per line, without placing the order; holdSeconds holds the stock.' })
  @ApiOkResponse({ type: OrderPromiseDto })
  @ApiUnprocessableEntityResponse({
    description:
      "Unknown SKU, unit or customer; or QUOTE.HOLD_SHARE_EXCEEDED: the customer's quote holds of a SKU would exceed QUOTE_HOLD_MAX_SHARE of its available stock.",
  })
  quote(@Body() request: CreateOrderPromiseDto): Promise<OrderPromiseDto> {
    return this.promises.quote(request);
  }
}
