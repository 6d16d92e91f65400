import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditLog, ConflictError, Database, type Caller, NotFoundError, UnprocessableError, ValidationError } from '@platform';
import { ConsumerRunner, HandlerFailedError } from '../consumers/consumer-runner.js';
import { DeadLetter, DeadLetterPage, DeadLetterRepository, DeadLetterStatus, decodeCursor } from './dead-letter.repository.js';

export type ReplayOutcome = 'applied' | 'duplicate' | 'failed';

export interface ReplayResult {
  readonly deadLetter: DeadLetter;
  readonly outcome: ReplayOutcome;
}

export const deadLetterNotFound = (ids: readonly string[]) => new NotFoundError('DEAD_LETTER.NOT_FOUND', `No such dead letter: ${ids.join(', ')}.`);
const notOpen = (letters: readonly DeadLetter[]) =>
  new ConflictError('DEAD_LETTER.NOT_OPEN', `Only open dead letters can be replayed or discarded: ${letters.map((l) => `${l.id} is ${l.status}`).join(', ')}.`);

/** The operations console's use cases on dead letters: list, replay through the consumer, discard. */
@Injectable()
export class DeadLettersService {
  private readonly logger = new Logger(DeadLettersService.name);

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly deadLetters: DeadLetterRepository,
    private readonly runner: ConsumerRunner,
    private readonly audit: AuditLog,
  ) {}

  async list(filter: { status?: DeadLetterStatus; consumer?: string }, limit: number, cursor?: string): Promise<DeadLetterPage> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && after === undefined) throw new ValidationError([{ field: 'cursor', messages: ['cursor is not one this API returned'] }]);
    return this.deadLetters.list(filter, limit, after);
  }

  /**
   * Replays each dead letter through its consumer, in one transaction with the inbox row, the
   * effect and the status change: an event already applied meanwhile is marked replayed without
   * a second effect; one that fails again stays open with one attempt more. All ids must exist
   * and be open before any is replayed.
   */
  async replay(ids: readonly string[], by: Caller): Promise<ReplayResult[]> {
    const unique = [...new Set(ids)];
    const letters = await this.deadLetters.find(unique);
    const missing = unique.filter((id) => !letters.some((l) => l.id === id));
    if (missing.length) throw deadLetterNotFound(missing);
    const closed = letters.filter((l) => l.status !== 'open');
    if (closed.length) throw notOpen(closed);
    const unknownConsumers = [...new Set(letters.map((l) => l.consumer))].filter((c) => !this.runner.isRegistered(c));
    if (unknownConsumers.length) {
      throw new UnprocessableError('DEAD_LETTER.CONSUMER_NOT_RUNNING', `No consumer runs here under the name ${unknownConsumers.join(', ')}.`);
    }
    const results: ReplayResult[] = [];
    for (const id of unique) results.push(await this.replayOne(id, by));
    return results;
  }

  private async replayOne(id: string, by: Caller): Promise<ReplayResult> {
    try {
      return await this.db.transaction(async (tx) => {
        const letter = await this.deadLetters.lock(tx, id);
        if (!letter) throw deadLetterNotFound([id]);
        if (letter.status !== 'open') throw notOpen([letter]); // replayed or discarded meanwhile
        const applied = await this.runner.applyIn(tx, letter.consumer, letter.event);
        await this.audit.record(replayed(by, letter, applied), tx);
        return { deadLetter: await this.deadLetters.markReplayed(tx, id), outcome: applied };
      });
    } catch (error) {
      if (!(error instanceof HandlerFailedError)) throw error;
      this.logger.warn({ deadLetterId: id, err: error }, 'dead letter replay failed again');
      const letter = await this.deadLetters.recordReplayFailure(id, error.message);
      if (!letter) throw deadLetterNotFound([id]);
      await this.audit.record({
        ...replayed(by, letter, 'failed'),
        outcome: 'failure',
        detail: { ...replayed(by, letter, 'failed').detail, error: error.message },
      });
      return { deadLetter: letter, outcome: 'failed' };
    }
  }

  async discard(id: string, reason: string, by: Caller): Promise<DeadLetter> {
    return this.db.transaction(async (tx) => {
      const letter = await this.deadLetters.lock(tx, id);
      if (!letter) throw deadLetterNotFound([id]);
      if (letter.status !== 'open') throw notOpen([letter]);
      await this.audit.record(
        {
          actorKind: by.kind,
          actor: by.id,
          action: 'dead_letter.discarded',
          target: id,
          outcome: 'success',
          detail: { consumer: letter.consumer, eventId: letter.eventId, reason },
        },
        tx,
      );
      return this.deadLetters.discard(tx, id, reason);
    });
  }
}

/** The audit entry of one replay: who replayed which dead letter (consumer, event) and what came of it. */
function replayed(by: Caller, letter: DeadLetter, outcome: ReplayOutcome) {
  return {
    actorKind: by.kind,
    actor: by.id,
    action: 'dead_letter.replayed',
    target: letter.id,
    outcome: 'success' as const,
    detail: { consumer: letter.consumer, eventId: letter.eventId, type: letter.type, result: outcome },
  };
}
