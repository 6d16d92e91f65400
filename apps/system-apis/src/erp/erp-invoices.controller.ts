import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateErpInvoiceDto, ErpInvoiceDto } from '@contracts';
import { ApiProblems } from '../api/api-problems.decorator.js';
import { InvoiceSearchQueryDto } from './erp.dto.js';
import { ErpBilling } from './erp.ports.js';

@ApiTags('erp')
@Controller('erp/v1/invoices')
export class ErpInvoicesController {
  constructor(private readonly billing: ErpBilling) {}

  @Post()
  @ApiOperation({
    summary: 'Bill shipped quantities of one sales order in the ERP; it prices them from the order and adds tax by ship-to region.',
    description: 'The ERP refuses (422) unknown order items, another sku, and billing more of an item than was ordered less what is already billed.',
  })
  @ApiCreatedResponse({ type: ErpInvoiceDto })
  @ApiProblems(400, 422, 502, 503)
  create(@Body() invoice: CreateErpInvoiceDto): Promise<ErpInvoiceDto> {
    return this.billing.create(invoice);
  }

  @Get()
  @ApiOperation({ summary: "Invoices carrying the caller's external reference (to find one created before a lost answer)." })
  @ApiOkResponse({ type: [ErpInvoiceDto] })
  @ApiProblems(400, 502, 503)
  find(@Query() query: InvoiceSearchQueryDto): Promise<ErpInvoiceDto[]> {
    return this.billing.find(query.externalReference, query.customerId);
  }

  @Get(':erpInvoiceNumber')
  @ApiOperation({ summary: 'One invoice with its lines; status paid once the ERP cleared it.' })
  @ApiOkResponse({ type: ErpInvoiceDto })
  @ApiProblems(404, 502, 503)
  get(@Param('erpInvoiceNumber') erpInvoiceNumber: string): Promise<ErpInvoiceDto> {
    return this.billing.get(erpInvoiceNumber);
  }
}
