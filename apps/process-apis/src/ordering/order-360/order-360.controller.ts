import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Order360PageDto } from '@contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Order360Service } from './order-360.service.js';

class Order360QueryDto {
  @ApiPropertyOptional({ example: 20, default: 20, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  readonly limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  readonly cursor?: string;
}

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
