import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateErpCustomerReturnDto, ErpCustomerReturnDto } from '@contracts';
import { ApiProblems } from '../api/api-problems.decorator.js';
import { ExternalReferenceQueryDto } from './erp.dto.js';
import { ErpCustomerReturns } from './erp.ports.js';

@ApiTags('erp')
@Controller('erp/v1/customer-returns')
export class ErpCustomerReturnsController {
  constructor(private readonly returns: ErpCustomerReturns) {}

  @Post()
  @ApiOperation({
    summary: 'Create a customer return in the ERP with reference to one sales order; the ERP values it at the order price.',
    description:
      "The ERP checks quantities only and refuses (422) more than was billed less what earlier returns requested, unknown order items, another sku or customer. The return policy (window, returnable items) is the caller's. On a lost answer, look it up by externalReference before creating again.",
  })
  @ApiCreatedResponse({ type: ErpCustomerReturnDto })
  @ApiProblems(400, 422, 502, 503)
  create(@Body() request: CreateErpCustomerReturnDto): Promise<ErpCustomerReturnDto> {
    return this.returns.create(request);
  }

  @Get()
  @ApiOperation({ summary: "Customer returns carrying the caller's external reference (to find one created before a lost answer)." })
  @ApiOkResponse({ type: [ErpCustomerReturnDto] })
  @ApiProblems(400, 502, 503)
  find(@Query() query: ExternalReferenceQueryDto): Promise<ErpCustomerReturnDto[]> {
    return this.returns.find(query.externalReference);
  }
}
