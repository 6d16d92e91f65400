import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditPageDto, AuditQueryDto } from '@contracts';
import { AuditLog, OperatorOnly } from '@platform';

@ApiTags('ops')
@ApiBearerAuth()
@OperatorOnly()
@Controller('v1/ops/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({ summary: 'The audit log: refused calls and operator actions (dead-letter replays and discards, billing runs), oldest first.' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list({ since: query.since ? new Date(query.since) : undefined, limit: query.limit ?? 50, cursor: query.cursor, action: query.action });
  }
}
