import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CancelOrderDto, OrderDto } from '@contracts';
import { CancelOrderService, orderNotFound } from './cancel-order.service.js';

@ApiTags('orders')
@Controller('v1/orders')
export class CancelOrderController {
  constructor(private readonly cancelOrder: CancelOrderService) {}

  @Post(':orderId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an order not yet released to the warehouses: stock holds freed, OMS told. Cancelling a cancelled order answers it again.' })
  @ApiOkResponse({ type: OrderDto, description: 'The cancelled order.' })
  @ApiNotFoundResponse({ description: 'No such order for this customer (and partner).' })
  @ApiConflictResponse({ description: 'ORDER.ALREADY_RELEASED: a leg went to a warehouse; ORDER.NOT_CANCELLABLE: e.g. a rejected order.' })
  @ApiServiceUnavailableResponse({ description: 'The OMS could not be told; nothing changed, retry.' })
  cancel(@Param('orderId', new ParseUUIDPipe({ exceptionFactory: () => orderNotFound() })) orderId: string, @Body() body: CancelOrderDto): Promise<OrderDto> {
    return this.cancelOrder.execute(orderId, body);
  }
}
