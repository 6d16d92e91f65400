import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';

import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { decodeKeysetCursor, encodeKeysetCursor } from '@platform';
import { OpsAuthGuard } from '../../auth/partner-auth.guard.js';
import { OUTBOUND_JOB_STATUSES, OutboundJobRepository, type OutboundJobStatus } from './outbound-job.repository.js';
import { CursorPageQueryDto } from '@contracts';

class OutboundDocumentsQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({
    enum: OUTBOUND_JOB_STATUSES,
    default: 'failed',
    description:
      '`failed`: not built yet and its last attempt failed (retried with backoff; lastError says why, including waiting for the shipment or invoice); `pending`; `built`; `skipped` (closed unbuilt, e.g. its trading partner was disabled).',
  })
  @IsOptional()
  @IsIn(OUTBOUND_JOB_STATUSES)
  readonly status?: OutboundJobStatus;

  @ApiPropertyOptional({ example: 'umbrella-edi', maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly tradingPartnerId?: string;
}

class OutboundDocumentDto {
  @ApiProperty({ example: '0b6f3c1e-6c1a-4b7e-9b2a-1f2e3d4c5b6a' })
  readonly jobId!: string;

  @ApiProperty({ example: 'umbrella-edi' })
  readonly tradingPartnerId!: string;

  @ApiProperty({ enum: ['856', '810', '180'], example: '810' })
  readonly documentType!: '856' | '810' | '180';

  @ApiProperty({ example: '5f1d7c1e-2b9a-4c8e-9d3f-0a1b2c3d4e5f', description: 'The shipment (856) or invoice (810) id.' })
  readonly reference!: string;

  @ApiProperty({ enum: OUTBOUND_JOB_STATUSES, example: 'failed' })
  readonly status!: OutboundJobStatus;

  @ApiProperty({ example: 4 })
  readonly attempts!: number;

  @ApiPropertyOptional({ example: 'UpstreamError: process-apis answered 503' })
  readonly lastError?: string;

  @ApiPropertyOptional({ example: '2026-12-06T02:31:00.000Z', description: 'Not built yet: the next attempt.' })
  readonly nextAttemptAt?: string;

  @ApiPropertyOptional({ example: '2026-12-06T02:32:00.000Z', description: 'Built or skipped: when.' })
  readonly doneAt?: string;

  @ApiPropertyOptional({ example: 'c0ffee00-0000-4000-8000-000000000001' })
  readonly correlationId?: string;

  @ApiProperty({ example: '2026-12-06T02:30:00.000Z' })
  readonly createdAt!: string;
}

class OutboundDocumentPageDto {
  @ApiProperty({ type: [OutboundDocumentDto], description: 'Newest first.' })
  readonly documents!: OutboundDocumentDto[];

  @ApiPropertyOptional({ type: String, description: 'Cursor of the next page; absent on the last page.' })
  readonly nextCursor?: string;
}

/** The 856/810 documents to build for trading partners, for operators chasing the ones that do not go out. */
@ApiTags('ops')
@ApiBearerAuth()
@UseGuards(OpsAuthGuard)
@Controller('ops/v1/edi/outbound-documents')
export class OutboundDocumentsOpsController {
  constructor(private readonly jobs: OutboundJobRepository) {}

  @Get()
  @ApiBadRequestResponse({ description: 'Invalid status, limit or cursor (`EDI.INVALID_CURSOR`: not a cursor a previous page returned).' })
  @ApiOperation({ summary: 'Outbound 856/810 documents across trading partners (default: failing ones), newest first, with attempts and last error.' })
  @ApiOkResponse({ type: OutboundDocumentPageDto })
  async list(@Query() query: OutboundDocumentsQueryDto): Promise<OutboundDocumentPageDto> {
    const page = await this.jobs.listForOperators({
      status: query.status ?? 'failed',
      tradingPartnerId: query.tradingPartnerId,
      after: query.cursor === undefined ? undefined : decodeKeysetCursor(query.cursor, 'EDI.INVALID_CURSOR'),
      limit: query.limit ?? 50,
    });
    return { documents: page.jobs.map((j) => ({ ...j })), ...(page.next ? { nextCursor: encodeKeysetCursor(page.next) } : {}) };
  }
}
