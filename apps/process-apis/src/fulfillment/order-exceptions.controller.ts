import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { OrderExceptionDto } from '@contracts';
import { IsUUID } from 'class-validator';
import { FulfillmentRepository } from './fulfillment.repository.js';

class OrderExceptionsQueryDto {
  @ApiProperty({ example: '7d0c3f0e-3f4b-4b5e-9d1a-8f1f2a3b4c5d' })
  @IsUUID()
  readonly orderId!: string;
}

class OrderExceptionListDto {
  @ApiProperty({ type: [OrderExceptionDto] })
  readonly exceptions!: OrderExceptionDto[];
}

/** Warehouse events that could not be applied to an order (invalid transitions, unknown legs), for operations. */
@ApiTags('ops')
@Controller('v1/ops/order-exceptions')
export class OrderExceptionsController {
  constructor(private readonly fulfillment: FulfillmentRepository) {}

  @Get()
  @ApiOperation({ summary: 'The warehouse events not applied to an order, and why (an invalid transition is never a silent overwrite).' })
  @ApiOkResponse({ type: OrderExceptionListDto })
  async list(@Query() query: OrderExceptionsQueryDto): Promise<OrderExceptionListDto> {
    return { exceptions: await this.fulfillment.exceptionsOf(query.orderId) };
  }
}
