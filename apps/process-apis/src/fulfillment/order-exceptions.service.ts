import { Inject, Injectable } from '@nestjs/common';
import { AuditLog, ConflictError, Database, NotFoundError, ValidationError, type Caller } from '@platform';
import { FulfillmentRepository, type OrderException, type OrderExceptionPage, type OrderExceptionStatus } from './fulfillment.repository.js';

export const orderExceptionNotFound = (id: string) => new NotFoundError('ORDER_EXCEPTION.NOT_FOUND', `No such order exception: ${id}.`);

const CURSOR_PREFIX = 'oe:';
export const encodeExceptionCursor = (afterId: string) => Buffer.from(`${CURSOR_PREFIX}${afterId}`).toString('base64url');
function decodeExceptionCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^\d{1,18}$/.test(id)) {
    throw new ValidationError(
      [{ field: 'cursor', messages: ['not a cursor returned by a previous page'] }],
      'The cursor is invalid.',
      'ORDER_EXCEPTION.INVALID_CURSOR',
    );
  }
  return id;
}

/** Operators list the warehouse events that could not be applied and close them with a note once handled. */
@Injectable()
export class OrderExceptionsService {
  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly fulfillment: FulfillmentRepository,
    private readonly audit: AuditLog,
  ) {}

  async list(filter: { orderId?: string; status?: OrderExceptionStatus }, limit: number, cursor?: string): Promise<OrderExceptionPage> {
    return this.fulfillment.listExceptions(filter, limit, cursor === undefined ? undefined : decodeExceptionCursor(cursor));
  }

  /** Resolves an open exception once, with the operator and note stored and audited in the same transaction. */
  async resolve(id: string, resolution: string, by: Caller): Promise<OrderException> {
    return this.db.transaction(async (tx) => {
      const current = await this.fulfillment.lockException(tx, id);
      if (!current) throw orderExceptionNotFound(id);
      if (current.status === 'resolved') {
        throw new ConflictError('ORDER_EXCEPTION.ALREADY_RESOLVED', `Order exception ${id} was resolved at ${current.resolvedAt} by ${current.resolvedBy}.`);
      }
      const resolved = await this.fulfillment.resolveException(tx, id, by.id, resolution);
      if (!resolved) throw orderExceptionNotFound(id);
      await this.audit.record(
        {
          actorKind: by.kind,
          actor: by.id,
          action: 'order_exception.resolved',
          target: id,
          outcome: 'success',
          detail: { orderId: resolved.orderId, eventType: resolved.eventType, reason: resolved.reason, resolution },
        },
        tx,
      );
      return resolved;
    });
  }
}
