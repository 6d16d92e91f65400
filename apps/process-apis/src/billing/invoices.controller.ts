import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InvoiceDto, InvoicePageDto, ListInvoicesQueryDto } from '@contracts';
import { NotFoundError } from '@platform';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { InvoiceRepository } from './invoice.repository.js';
import { ListInvoicesService } from './list-invoices/list-invoices.service.js';
import { toInvoiceDto } from './invoice.mapper.js';

class InvoiceOwnerQueryDto {
  @ApiProperty({ maxLength: 10, example: '10100001', description: "The customer the caller acts for; another customer's invoice is not found." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;

  @ApiPropertyOptional({
    maxLength: 64,
    example: 'acme',
    description: 'The partner the caller acts for: an invoice that bills none of its orders is not found.',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  readonly partnerId?: string;
}

@ApiTags('invoices')
@Controller('v1/invoices')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly listInvoices: ListInvoicesService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "A customer's invoices (those billing one partner's orders, when given), newest first, with cursor pagination and a status filter.",
  })
  @ApiOkResponse({ type: InvoicePageDto })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor.' })
  list(@Query() query: ListInvoicesQueryDto): Promise<InvoicePageDto> {
    return this.listInvoices.execute(query);
  }

  @Get(':invoiceId')
  @ApiOperation({ summary: 'One invoice with the shipment it bills and its order, scoped to its customer.' })
  @ApiOkResponse({ type: InvoiceDto })
  @ApiNotFoundResponse({ description: 'No such invoice for this customer.' })
  async get(@Param('invoiceId') invoiceId: string, @Query() query: InvoiceOwnerQueryDto): Promise<InvoiceDto> {
    const invoice = await this.invoices.findForCustomer(invoiceId, query.customerId, query.partnerId);
    if (!invoice) throw new NotFoundError('INVOICE.NOT_FOUND', 'No such invoice.');
    return toInvoiceDto(invoice);
  }
}
