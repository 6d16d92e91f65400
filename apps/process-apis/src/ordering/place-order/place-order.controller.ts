import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { OrderDto, PlaceOrderDto } from '@contracts';
import type { FastifyReply } from 'fastify';
import { PlaceOrderService } from './place-order.service.js';

@ApiTags('orders')
@Controller('v1/orders')
export class PlaceOrderController {
  constructor(private readonly placeOrder: PlaceOrderService) {}

  @Post()
  @ApiOperation({ summary: 'Place an order: credit, prices and stock checked, ERP sales order created, OMS registered.' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The channel request key; one order per key.' })
  @ApiCreatedResponse({ type: OrderDto, description: 'Order placed.' })
  @ApiOkResponse({ type: OrderDto, description: 'The order placed earlier with the same key and body.' })
  @ApiConflictResponse({
    description:
      'An order with this key, or another key for this customer PO, is still being placed (`retrySameKey: true`); or the PO was placed already (`ORDER.DUPLICATE_PURCHASE_ORDER`, `existingOrderId`).',
  })
  @ApiUnprocessableEntityResponse({ description: 'Unknown SKU or unit, unknown customer, no price, or the key was used with another body.' })
  async place(
    @Body() body: PlaceOrderDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderDto> {
    const { order, replayed } = await this.placeOrder.execute(body, key);
    void reply.status(replayed ? 200 : 201);
    return order;
  }
}
