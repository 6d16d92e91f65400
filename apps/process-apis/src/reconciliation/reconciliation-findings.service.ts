import { Injectable } from '@nestjs/common';
import { AuditLog, ConflictError, NotFoundError, type Caller } from '@platform';
import type { ReconciliationCheck } from './domain/reconciliation.js';
import { ReconciliationRepository, type FindingRecord } from './reconciliation.repository.js';

/** The exceptions reconciliation leaves for a person: listed, and resolved with an audited note. */
@Injectable()
export class ReconciliationFindingsService {
  constructor(
    private readonly runs: ReconciliationRepository,
    private readonly audit: AuditLog,
  ) {}

  openExceptions(limit: number, check?: ReconciliationCheck): Promise<FindingRecord[]> {
    return this.runs.openExceptions(limit, check);
  }

  async resolve(findingId: string, resolution: string, by: Caller): Promise<FindingRecord> {
    const resolved = await this.runs.resolve(findingId, by.id, resolution, (tx) =>
      this.audit.record(
        { actorKind: by.kind, actor: by.id, action: 'reconciliation.finding_resolved', target: findingId, outcome: 'success', detail: { resolution } },
        tx,
      ),
    );
    if (resolved) return resolved;
    const finding = await this.runs.finding(findingId);
    if (!finding) throw new NotFoundError('RECONCILIATION.FINDING_NOT_FOUND', `No reconciliation finding ${findingId}.`);
    throw new ConflictError(
      'RECONCILIATION.FINDING_NOT_OPEN',
      finding.resolvedAt ? `Finding ${findingId} was resolved at ${finding.resolvedAt}.` : `Finding ${findingId} is ${finding.action}, not an exception.`,
    );
  }
}
