import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateErpCreditMemoDto, ErpCreditMemoDto } from '@contracts';
import { ApiProblems } from '../api/api-problems.decorator.js';
import { ExternalReferenceQueryDto } from './erp.dto.js';
import { ErpCreditMemos } from './erp.ports.js';

@ApiTags('erp')
@Controller('erp/v1/credit-memos')
export class ErpCreditMemosController {
  constructor(private readonly creditMemos: ErpCreditMemos) {}

  @Post()
  @ApiOperation({
    summary: 'Credit returned quantities of one customer return (an SAP G2 credit memo) at the invoice price and tax rate.',
    description:
      "The ERP refuses (422) more than the return item has left to credit, an invoice that did not bill the item, and (without a named invoice) a quantity no single invoice has left. Whether the goods arrived is the caller's rule. On a lost answer, look it up by externalReference before creating again.",
  })
  @ApiCreatedResponse({ type: ErpCreditMemoDto })
  @ApiProblems(400, 422, 502, 503)
  create(@Body() request: CreateErpCreditMemoDto): Promise<ErpCreditMemoDto> {
    return this.creditMemos.create(request);
  }

  @Get()
  @ApiOperation({ summary: "Credit memos (never invoices) carrying the caller's external reference." })
  @ApiOkResponse({ type: [ErpCreditMemoDto] })
  @ApiProblems(400, 502, 503)
  find(@Query() query: ExternalReferenceQueryDto): Promise<ErpCreditMemoDto[]> {
    return this.creditMemos.find(query.externalReference);
  }
}
