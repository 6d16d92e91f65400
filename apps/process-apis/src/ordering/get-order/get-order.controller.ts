import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { OrderDto } from '@contracts';
import { NotFoundError } from '@platform';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OrderDetailsReader } from './order-details.reader.js';

class OrderOwnerQueryDto {
  @ApiProperty({ maxLength: 10, example: '10100001', description: "The customer the caller acts for; another customer's order is not found." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;
}

@ApiTags('orders')
@Controller('v1/orders')
export class GetOrderController {
  constructor(private readonly details: OrderDetailsReader) {}

  @Get(':orderId')
  @ApiOperation({ summary: 'One order, scoped to its customer.' })
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse({ description: 'No such order for this customer.' })
  async get(
    @Param('orderId', new ParseUUIDPipe({ exceptionFactory: () => orderNotFound() })) orderId: string,
    @Query() query: OrderOwnerQueryDto,
  ): Promise<OrderDto> {
    const order = await this.details.read(orderId, query.customerId);
    if (!order) throw orderNotFound();
    return order;
  }
}

const orderNotFound = () => new NotFoundError('ORDER.NOT_FOUND', 'No such order.');
