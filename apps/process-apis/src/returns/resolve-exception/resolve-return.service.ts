import { Inject, Injectable } from '@nestjs/common';
import type { ReturnDto } from '@contracts';
import { AuditLog, Database, type Caller } from '@platform';
import { returnTransition } from '../domain/return-status.js';
import { returnNotFound, returnNotInException } from '../return.errors.js';
import { toReturnDto } from '../return.mapper.js';
import { ReturnRepository } from '../return.repository.js';
import { ReturnsSyncJob } from '../returns-sync.job.js';

/**
 * An operator settles a return in exception (more arrived than was authorized): it turns `received`
 * and is credited for its authorized quantities. Audited in the same transaction.
 */
@Injectable()
export class ResolveReturnService {
  constructor(
    private readonly returns: ReturnRepository,
    private readonly audit: AuditLog,
    private readonly sync: ReturnsSyncJob,
    @Inject(Database) private readonly db: Database,
  ) {}

  async resolve(returnId: string, resolution: string, by: Caller): Promise<ReturnDto> {
    await this.db.transaction(async (tx) => {
      const ret = await this.returns.get(tx, returnId, true);
      if (!ret) throw returnNotFound(returnId);
      const transition = returnTransition(ret.status, { kind: 'exception_resolved' });
      if (transition.kind !== 'apply') throw returnNotInException(returnId, ret.status);
      await this.returns.setStatus(tx, returnId, transition.to);
      await this.returns.recordResolution(tx, returnId, by.id, resolution);
      await this.audit.record(
        {
          actorKind: by.kind,
          actor: by.id,
          action: 'return_exception.resolved',
          target: returnId,
          outcome: 'success',
          detail: { rmaNumber: ret.rmaNumber, resolution },
        },
        tx,
      );
    });
    await this.sync.tick(); // the credit is due now
    return toReturnDto((await this.returns.get(this.db, returnId))!);
  }
}
