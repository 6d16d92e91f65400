import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomerDto, PriceDto } from '@contracts';
import { ApiProblems } from '../api/api-problems.decorator.js';
import { ErpCatalog, ErpCustomers, ErpPricing } from './erp.ports.js';
import { ItemPageDto, ItemsQueryDto, PricesQueryDto } from './erp.dto.js';

@ApiTags('erp')
@Controller('erp/v1')
export class ErpMasterDataController {
  constructor(
    private readonly customers: ErpCustomers,
    private readonly catalog: ErpCatalog,
    private readonly pricing: ErpPricing,
  ) {}

  @Get('customers/:customerId')
  @ApiOperation({ summary: 'A customer (sold-to party) with its credit profile.' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(404, 502, 503)
  getCustomer(@Param('customerId') customerId: string): Promise<CustomerDto> {
    return this.customers.getCustomer(customerId);
  }

  @Get('items')
  @ApiOperation({ summary: 'The item master, one page at a time (cursor pagination).' })
  @ApiOkResponse({ type: ItemPageDto })
  @ApiProblems(400, 502, 503)
  listItems(@Query() query: ItemsQueryDto): Promise<ItemPageDto> {
    return this.catalog.listItems(query.cursor, query.limit);
  }

  @Get('prices')
  @ApiOperation({ summary: "Current prices per base unit: the customer's contract price, else the list price." })
  @ApiOkResponse({ type: [PriceDto] })
  @ApiProblems(400, 502, 503)
  getPrices(@Query() query: PricesQueryDto): Promise<PriceDto[]> {
    return this.pricing.getPrices(query.customerId, query.skus);
  }
}
