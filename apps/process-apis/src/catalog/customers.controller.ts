import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomerDto } from '@contracts';
import { NotFoundError } from '@platform';
import { CustomerDirectory } from './customer-directory.js';

/** One ERP customer, for the experience layer's checks (an operator onboarding a partner for it). */
@ApiTags('catalog')
@Controller('v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomerDirectory) {}

  @Get(':customerId')
  @ApiOperation({ summary: 'An ERP customer (read through to the ERP).' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiNotFoundResponse({ description: 'The ERP has no such customer (`CUSTOMER.NOT_FOUND`).' })
  async get(@Param('customerId') customerId: string): Promise<CustomerDto> {
    const customer = await this.customers.find(customerId);
    if (!customer) throw new NotFoundError('CUSTOMER.NOT_FOUND', `Customer ${customerId} does not exist in the ERP.`);
    return customer;
  }
}
