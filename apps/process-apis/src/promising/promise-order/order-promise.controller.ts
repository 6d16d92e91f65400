import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  quote(@Body() request: CreateOrderPromiseDto): Promise<OrderPromiseDto> {
    return this.promises.quote(request);
  }
}
