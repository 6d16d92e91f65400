import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogPageDto, CatalogQueryDto } from '@contracts';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { PriceCatalogService } from './price-catalog.service.js';

class CustomerCatalogQueryDto extends CatalogQueryDto {
  @ApiProperty({ maxLength: 10, example: '10100001', description: 'Whose contract prices to show.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;
}

@ApiTags('catalog')
@Controller('v1/catalog')
export class CatalogController {
  constructor(private readonly catalog: PriceCatalogService) {}

  @Get('items')
  @ApiOperation({ summary: "Items a customer may buy, with the customer's contract prices (cursor pagination)." })
  @ApiOkResponse({ type: CatalogPageDto })
  items(@Query() query: CustomerCatalogQueryDto): Promise<CatalogPageDto> {
    return this.catalog.page(query.customerId, query.cursor, query.limit ?? 50);
  }
}
