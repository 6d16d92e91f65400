import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomerDto, ErpCustomerMasterDto, PriceDto } from '@contracts';
import { ApiProblems } from '../api/api-problems.decorator.js';
import { ErpCatalog, ErpCustomers, ErpPricing } from './erp.ports.js';
import { CustomerSearchQueryDto, ItemPageDto, ItemsQueryDto, PricesQueryDto } from './erp.dto.js';

@ApiTags('erp')
@Controller('erp/v1')
export class ErpMasterDataController {
  constructor(
    private readonly customers: ErpCustomers,
    private readonly catalog: ErpCatalog,
    private readonly pricing: ErpPricing,
  ) {}

  @Get('customers')
  @ApiOperation({ summary: 'Customers with this tax number or this postal code (exact values; the caller matches names).' })
  @ApiOkResponse({ type: [CustomerDto] })
  @ApiProblems(400, 502, 503)
  findCustomers(@Query() query: CustomerSearchQueryDto): Promise<CustomerDto[]> {
    return this.customers.findCustomers(query);
  }

  @Post('customers')
  @ApiOperation({ summary: "Create a customer (business partner in the customer role); price group, payment terms and credit start at the ERP's defaults." })
  @ApiCreatedResponse({ type: CustomerDto })
  @ApiProblems(400, 422, 502, 503)
  createCustomer(@Body() master: ErpCustomerMasterDto): Promise<CustomerDto> {
    return this.customers.createCustomer(master);
  }

  @Put('customers/:customerId')
  @ApiOperation({ summary: "Write a customer's name, address and tax number; only what differs is sent to the ERP." })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(400, 404, 422, 502, 503)
  updateCustomer(@Param('customerId') customerId: string, @Body() master: ErpCustomerMasterDto): Promise<CustomerDto> {
    return this.customers.updateCustomer(customerId, master);
  }

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
