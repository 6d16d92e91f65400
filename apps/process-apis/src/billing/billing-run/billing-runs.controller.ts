import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { CurrentCaller, OperatorOnly, type Caller } from '@platform';
import { BillingRunService } from './billing-run.service.js';

class BillingRunRequestDto {
  @ApiPropertyOptional({ example: '2026-11-25', description: 'Close the daily invoices of every day up to and including this one (UTC); today by default.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly throughDate?: string;
}

class BillingRunDto {
  @ApiProperty({ example: '2026-11-25' })
  readonly throughDate!: string;

  @ApiProperty({ example: ['3c1f6a0e-7d1b-4a36-9d5e-2b8f0a1c9e77'], description: 'The daily invoices closed; they are issued in the ERP next.' })
  readonly closedInvoiceIds!: string[];
}

@ApiTags('ops')
@OperatorOnly()
@Controller('v1/ops/billing-runs')
export class BillingRunsController {
  constructor(private readonly billingRun: BillingRunService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run billing now: daily invoices up to a date stop collecting shipments and are issued in the ERP. Running it twice closes nothing twice.',
  })
  @ApiOkResponse({ type: BillingRunDto })
  run(@Body() request: BillingRunRequestDto, @CurrentCaller() caller: Caller): Promise<BillingRunDto> {
    return this.billingRun.runFor(caller, (request.throughDate ?? new Date().toISOString()).slice(0, 10));
  }
}
