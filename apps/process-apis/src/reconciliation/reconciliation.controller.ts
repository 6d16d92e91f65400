import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, NotFoundError, OperatorOnly, type Caller } from '@platform';
import {
  ListReconciliationFindingsQueryDto,
  ListReconciliationRunsQueryDto,
  ReconciliationFindingDto,
  ReconciliationFindingListDto,
  ReconciliationRunDto,
  ReconciliationRunListDto,
  ReconciliationRunSummaryDto,
  ResolveFindingDto,
} from './reconciliation.dto.js';
import { ReconciliationFindingsService } from './reconciliation-findings.service.js';
import { ReconciliationService } from './reconciliation.service.js';

const runNotFound = () => new NotFoundError('RECONCILIATION.RUN_NOT_FOUND', 'No such reconciliation run.');
const findingNotFound = () => new NotFoundError('RECONCILIATION.FINDING_NOT_FOUND', 'No such reconciliation finding.');

@ApiTags('ops')
@OperatorOnly()
@Controller('v1/ops')
export class ReconciliationController {
  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly findings: ReconciliationFindingsService,
  ) {}

  @Post('reconciliation-runs')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Reconcile now: stock (WMS vs the ATP projection), orders (gateway vs ERP vs OMS), shipments (WMS vs gateway), invoices (gateway vs ERP). Safe repairs are made at once; the rest become exceptions.',
  })
  @ApiCreatedResponse({ type: ReconciliationRunDto })
  @ApiConflictResponse({ description: 'Another run is in progress (on any instance).' })
  async run(@CurrentCaller() caller: Caller): Promise<ReconciliationRunDto> {
    return ReconciliationRunDto.fromRun(await this.reconciliation.runFor(caller));
  }

  @Get('reconciliation-runs')
  @ApiOperation({ summary: 'The latest reconciliation runs, scheduled and on demand, with their counts per check.' })
  @ApiOkResponse({ type: ReconciliationRunListDto })
  async list(@Query() query: ListReconciliationRunsQueryDto): Promise<ReconciliationRunListDto> {
    return { items: (await this.reconciliation.list(query.limit ?? 20)).map(ReconciliationRunSummaryDto.from) };
  }

  @Get('reconciliation-runs/:id')
  @ApiOperation({ summary: 'One run with its findings.' })
  @ApiOkResponse({ type: ReconciliationRunDto })
  @ApiNotFoundResponse({ description: 'No such run.' })
  async get(@Param('id', new ParseUUIDPipe({ exceptionFactory: runNotFound })) id: string): Promise<ReconciliationRunDto> {
    return ReconciliationRunDto.fromRun(await this.reconciliation.get(id));
  }

  @Get('reconciliation-findings')
  @ApiOperation({ summary: 'Open exceptions: variances no safe repair covers, waiting for a person; each once, as the latest run found it.' })
  @ApiOkResponse({ type: ReconciliationFindingListDto })
  async openExceptions(@Query() query: ListReconciliationFindingsQueryDto): Promise<ReconciliationFindingListDto> {
    return { items: (await this.findings.openExceptions(query.limit ?? 50, query.check)).map(ReconciliationFindingDto.from) };
  }

  @Post('reconciliation-findings/:id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks an exception resolved (and the same exception found by earlier runs), with how; audited.' })
  @ApiOkResponse({ type: ReconciliationFindingDto })
  @ApiNotFoundResponse({ description: 'No such finding.' })
  @ApiConflictResponse({ description: 'It is not an open exception (repaired, within the threshold, or resolved already).' })
  async resolve(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: findingNotFound })) id: string,
    @Body() body: ResolveFindingDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ReconciliationFindingDto> {
    return ReconciliationFindingDto.from(await this.findings.resolve(id, body.resolution, caller));
  }
}
