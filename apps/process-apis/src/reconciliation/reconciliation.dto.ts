import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RECONCILIATION_CHECKS, type ReconciliationCheck } from './domain/reconciliation.js';
import type { CheckSummary, FindingAction, FindingRecord, RunRecord } from './reconciliation.repository.js';
import type { RunWithFindings } from './reconciliation.service.js';

const FINDING_ACTIONS: FindingAction[] = ['repaired', 'repair_failed', 'exception', 'within_threshold'];

export class ListReconciliationRunsQueryDto {
  @ApiPropertyOptional({ example: 20, default: 20, minimum: 1, maximum: 100, description: 'How many of the latest runs.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  readonly limit?: number;
}

export class ListReconciliationFindingsQueryDto {
  @ApiPropertyOptional({ enum: RECONCILIATION_CHECKS, example: 'invoices', description: "Only this check's exceptions." })
  @IsOptional()
  @IsIn(RECONCILIATION_CHECKS)
  readonly check?: ReconciliationCheck;

  @ApiPropertyOptional({ example: 50, default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  readonly limit?: number;
}

export class ResolveFindingDto {
  @ApiProperty({ maxLength: 1000, example: 'sales order re-entered in the ERP as 4500000123', description: 'How it was resolved; kept for audit.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000)
  readonly resolution!: string;
}

export class CheckSummaryDto {
  @ApiProperty({ enum: ['completed', 'failed'], example: 'completed' })
  readonly status!: 'completed' | 'failed';

  @ApiProperty({ example: 42, description: 'Keys compared (positions, orders, outbound orders, invoices).' })
  readonly compared!: number;

  @ApiProperty({ example: 2 })
  readonly findings!: number;

  @ApiProperty({ example: 1 })
  readonly repaired!: number;

  @ApiProperty({ example: 1, description: 'Exceptions left for a person (including repairs that failed).' })
  readonly exceptions!: number;

  @ApiPropertyOptional({ example: 'system-apis:erp is failing; its circuit breaker is open', description: 'Why the check could not run.' })
  readonly error?: string;

  static from(summary: CheckSummary): CheckSummaryDto {
    return { ...summary };
  }
}

export class ReconciliationFindingDto {
  @ApiProperty({ example: '0f8e1c52-3b57-4d55-9a43-6e2f1b7c9d10' })
  readonly findingId!: string;

  @ApiProperty({ example: '7a1c2e34-8f90-4b1d-a2c3-5e6f7a8b9c0d' })
  readonly runId!: string;

  @ApiProperty({ enum: RECONCILIATION_CHECKS, example: 'stock' })
  readonly check!: ReconciliationCheck;

  @ApiProperty({
    example: 'stock_mismatch',
    description:
      'stock_mismatch; missing_in_erp, missing_in_oms, amount_mismatch, cancellation_mismatch, oms_status_mismatch; shipment_missing_in_gateway, shipment_missing_in_wms, shipped_quantity_mismatch; billing_document_missing, duplicate_billing_documents, invoice_quantity_mismatch, invoice_amount_mismatch, billing_document_number_mismatch.',
  })
  readonly kind!: string;

  @ApiProperty({ example: 'SKU-1003@DC01', description: 'What was compared: sku@warehouse, ERP order number, WMS order id or invoice id.' })
  readonly key!: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { sku: 'SKU-1003', warehouseId: 'DC01' } })
  readonly keys!: Record<string, string>;

  @ApiProperty({ example: ['wms', 'atp_projection'], description: 'The systems compared, the system of record first.' })
  readonly systems!: string[];

  @ApiPropertyOptional({
    example: { onHand: 290, allocated: 0, safetyStock: 0, qualityHold: 0 },
    description: 'What the system of record says; null: it has none.',
  })
  readonly expected?: unknown;

  @ApiPropertyOptional({ example: { onHand: 300, allocated: 0, safetyStock: 0, qualityHold: 0 }, description: 'What the gateway says; null: it has none.' })
  readonly actual?: unknown;

  @ApiPropertyOptional({ example: 10, description: 'Units (stock, shipments, invoice quantities) or currency (amounts) apart.' })
  readonly variance?: number;

  @ApiPropertyOptional({ example: 245.5, description: 'Money at stake, in the document currency.' })
  readonly amount?: number;

  @ApiPropertyOptional({ example: 0, description: 'The threshold the variance was held against.' })
  readonly threshold?: number;

  @ApiProperty({ enum: FINDING_ACTIONS, example: 'repaired' })
  readonly action!: FindingAction;

  @ApiPropertyOptional({ example: "resync_projection: projection row set to the WMS's figures (on hand 290, allocated 0)" })
  readonly repairDetail?: string;

  @ApiProperty({ example: '2026-12-06T02:30:00.000Z' })
  readonly createdAt!: string;

  @ApiPropertyOptional({ example: '2026-12-06T03:00:00.000Z', description: 'Exceptions: when a person resolved it.' })
  readonly resolvedAt?: string;

  @ApiPropertyOptional({ example: 'ops' })
  readonly resolvedBy?: string;

  @ApiPropertyOptional({ example: 'sales order re-entered in the ERP' })
  readonly resolution?: string;

  static from(f: FindingRecord): ReconciliationFindingDto {
    return {
      findingId: f.findingId,
      runId: f.runId,
      check: f.check,
      kind: f.kind,
      key: f.key,
      keys: { ...f.keys },
      systems: [...f.systems],
      expected: f.expected ?? null,
      actual: f.actual ?? null,
      ...(f.variance !== undefined ? { variance: f.variance } : {}),
      ...(f.amount !== undefined ? { amount: f.amount } : {}),
      ...(f.threshold !== undefined ? { threshold: f.threshold } : {}),
      action: f.action,
      ...(f.repairDetail ? { repairDetail: f.repairDetail } : {}),
      createdAt: f.createdAt,
      ...(f.resolvedAt ? { resolvedAt: f.resolvedAt, resolvedBy: f.resolvedBy ?? undefined, resolution: f.resolution ?? undefined } : {}),
    };
  }
}

export class ReconciliationChecksDto {
  @ApiPropertyOptional({ type: CheckSummaryDto, description: '(a) WMS positions vs the ATP projection.' })
  readonly stock?: CheckSummaryDto;

  @ApiPropertyOptional({ type: CheckSummaryDto, description: '(b) gateway orders vs ERP sales orders vs OMS orders.' })
  readonly orders?: CheckSummaryDto;

  @ApiPropertyOptional({ type: CheckSummaryDto, description: '(c) WMS shipped vs gateway shipments.' })
  readonly shipments?: CheckSummaryDto;

  @ApiPropertyOptional({ type: CheckSummaryDto, description: '(d) gateway invoices vs ERP billing documents.' })
  readonly invoices?: CheckSummaryDto;
}

export class ReconciliationRunSummaryDto {
  @ApiProperty({ example: '7a1c2e34-8f90-4b1d-a2c3-5e6f7a8b9c0d' })
  readonly runId!: string;

  @ApiProperty({ enum: ['scheduled', 'on_demand'], example: 'on_demand' })
  readonly trigger!: 'scheduled' | 'on_demand';

  @ApiPropertyOptional({ example: 'ops', description: 'The operator who asked for it (on demand).' })
  readonly requestedBy?: string;

  @ApiProperty({ enum: ['running', 'completed', 'failed'], example: 'completed', description: 'failed: at least one check could not run (see checks).' })
  readonly status!: 'running' | 'completed' | 'failed';

  @ApiProperty({ example: '2026-12-06T02:30:00.000Z' })
  readonly startedAt!: string;

  @ApiPropertyOptional({ example: '2026-12-06T02:30:02.000Z' })
  readonly finishedAt?: string;

  @ApiProperty({ type: ReconciliationChecksDto })
  readonly checks!: ReconciliationChecksDto;

  static from(run: RunRecord): ReconciliationRunSummaryDto {
    const checks: Record<string, CheckSummaryDto> = {};
    for (const [check, summary] of Object.entries(run.checks)) if (summary) checks[check] = CheckSummaryDto.from(summary);
    return {
      runId: run.runId,
      trigger: run.trigger,
      ...(run.requestedBy ? { requestedBy: run.requestedBy } : {}),
      status: run.status,
      startedAt: run.startedAt,
      ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
      checks,
    };
  }
}

export class ReconciliationRunDto extends ReconciliationRunSummaryDto {
  @ApiProperty({ type: [ReconciliationFindingDto], description: 'Every variance found, with what was done about it.' })
  readonly findings!: ReconciliationFindingDto[];

  static fromRun({ run, findings }: RunWithFindings): ReconciliationRunDto {
    return { ...ReconciliationRunSummaryDto.from(run), findings: findings.map(ReconciliationFindingDto.from) };
  }
}

export class ReconciliationRunListDto {
  @ApiProperty({ type: [ReconciliationRunSummaryDto], description: 'Latest first.' })
  readonly items!: ReconciliationRunSummaryDto[];
}

export class ReconciliationFindingListDto {
  @ApiProperty({ type: [ReconciliationFindingDto], description: 'Open exceptions, each once as the latest run found it, oldest first.' })
  readonly items!: ReconciliationFindingDto[];
}
