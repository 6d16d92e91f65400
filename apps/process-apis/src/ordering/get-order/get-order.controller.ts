import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { OrderDto } from '@contracts';
import { NotFoundError } from '@platform';
import { IsNotEmpty, IsString } from 'class-validator';
import { InvoiceRepository } from '../../billing/invoice.repository.js';
import { FulfillmentRepository } from '../../fulfillment/fulfillment.repository.js';
import { OrderRepository } from '../order.repository.js';

class OrderOwnerQueryDto {
  @ApiProperty({ example: '10100001', description: "The customer the caller acts for; another customer's order is not found." })
  @IsString()
  @IsNotEmpty()
  readonly customerId!: string;
}

@ApiTags('orders')
@Controller('v1/orders')
export class GetOrderController {
  constructor(
    private readonly orders: OrderRepository,
    private readonly fulfillment: FulfillmentRepository,
    private readonly invoices: InvoiceRepository,
  ) {}

  @Get(':orderId')
  @ApiOperation({ summary: 'One order, scoped to its customer.' })
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse({ description: 'No such order for this customer.' })
  async get(
    @Param('orderId', new ParseUUIDPipe({ exceptionFactory: () => orderNotFound() })) orderId: string,
    @Query() query: OrderOwnerQueryDto,
  ): Promise<OrderDto> {
    const order = await this.orders.findForCustomer(orderId, query.customerId);
    if (!order) throw orderNotFound();
    const [legs, shipments, invoices] = await Promise.all([
      this.fulfillment.legsOf(orderId),
      this.fulfillment.shipmentsOf(orderId),
      this.invoices.ofOrder(orderId),
    ]);
    return { ...order, legs, shipments, invoices };
  }
}

const orderNotFound = () => new NotFoundError('ORDER.NOT_FOUND', 'No such order.');
