import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RETURN_REASON_CODES, type CreateReturnDto, type ReturnDto } from '@contracts';
import { AppError, currentCorrelationId, Database, stableHash } from '@platform';
import { CatalogService } from '../../catalog/catalog.service.js';
import { CustomerDirectory } from '../../catalog/customer-directory.js';
import { ChannelEventsWriter } from '../../channel-events/channel-events.writer.js';
import { OutboxRelay } from '../../messaging/outbox/outbox-relay.service.js';
import { decideReturn } from '../domain/return-policy.js';
import { initialReturnStatus } from '../domain/return-status.js';
import { orderNotFoundForReturn, returnKeyMissing, returnKeyReused } from '../return.errors.js';
import { toReturnDto } from '../return.mapper.js';
import { ReturnRepository, type ReturnRecord } from '../return.repository.js';
import { ReturnsSyncJob } from '../returns-sync.job.js';

export interface RequestReturnResult {
  readonly return: ReturnDto;
  readonly replayed: boolean;
}

/** How long the request has its new return to itself for the registration before the job may take it. */
const REGISTRATION_LEASE_MS = 30_000;

/**
 * A partner's return request, decided by the return policy under a lock on the order (so two
 * requests for the same lines are decided one after the other and never authorize more than
 * shipped), stored with `return.authorized` in one commit, then registered with the ERP and the
 * WMS as far as they answer (the returns job finishes the rest). One return per channel request
 * key: the same body again answers the same return, another body with the key is refused.
 */
@Injectable()
export class RequestReturnService {
  private readonly logger = new Logger(RequestReturnService.name);

  constructor(
    private readonly returns: ReturnRepository,
    private readonly catalog: CatalogService,
    private readonly customers: CustomerDirectory,
    private readonly channelEvents: ChannelEventsWriter,
    private readonly relay: OutboxRelay,
    private readonly sync: ReturnsSyncJob,
    @Inject(Database) private readonly db: Database,
  ) {}

  async execute(request: CreateReturnDto, requestKey: string | undefined): Promise<RequestReturnResult> {
    if (!requestKey) throw returnKeyMissing();
    const requestHash = stableHash(request);
    const earlier = await this.returns.findByRequestKey(this.db, request.channel, request.partnerId, requestKey);
    if (earlier) return replay(earlier, requestHash);
    const returnWindowDays = await this.returnWindow(request.customerId);

    let decided: { record: ReturnRecord; replayed: boolean };
    try {
      decided = await this.returns.transaction(async (tx) => {
        const order = await this.returns.lockOrderFacts(tx, request);
        if (!order) throw orderNotFoundForReturn(request.orderId ?? request.purchaseOrderNumber ?? '');
        const again = await this.returns.findByRequestKey(tx, request.channel, request.partnerId, requestKey);
        if (again) return { record: again, replayed: true };
        const decision = decideReturn({
          lines: order.lines.map((line) => ({
            lineNumber: line.lineNumber,
            sku: line.sku,
            shippedQuantity: line.shippedQuantity,
            returnedQuantity: line.returnedQuantity,
            returnable: this.catalog.find(line.sku)?.returnable !== false,
            ...(line.lastShippedAt ? { lastShippedAt: line.lastShippedAt } : {}),
          })),
          request: request.lines,
          returnWindowDays,
          reasonCodes: RETURN_REASON_CODES,
          now: new Date(),
        });
        const { status, events } = initialReturnStatus(decision.outcome);
        const orderLines = new Map(order.lines.map((l) => [l.lineNumber, l]));
        const record = await this.returns.insert(tx, {
          returnId: randomUUID(),
          status,
          channel: request.channel,
          partnerId: request.partnerId,
          customerId: request.customerId,
          requestKey,
          requestHash,
          orderId: order.orderId,
          notes: request.notes ?? null,
          correlationId: currentCorrelationId(),
          leaseMs: REGISTRATION_LEASE_MS,
          lines: decision.lines.map((line, index) => {
            const orderLine = line.lineNumber === undefined ? undefined : orderLines.get(line.lineNumber);
            const asked = request.lines[index];
            return {
              position: index + 1,
              lineNumber: orderLine?.lineNumber ?? null,
              sku: orderLine?.sku ?? line.sku ?? null,
              uom: orderLine?.uom ?? null,
              factor: orderLine?.factor ?? 1,
              reasonCode: asked.reasonCode,
              requestedQuantity: line.requestedQuantity,
              authorizedQuantity: line.authorizedQuantity,
              refusal: line.refusal ?? null,
              warehouseId: line.authorizedQuantity > 0 ? (orderLine?.warehouseId ?? null) : null,
              lot: asked.lot ?? null,
              serial: asked.serial ?? null,
            };
          }),
        });
        for (const type of events) {
          await this.channelEvents.returnEvent(tx, type, { returnId: record.returnId, rmaNumber: record.rmaNumber!, status, orderId: record.orderId });
        }
        return { record, replayed: false };
      });
    } catch (error) {
      // the same key raced in for another order: the first one's return is the answer
      if ((error as { code?: string }).code !== '23505') throw error;
      const winner = await this.returns.findByRequestKey(this.db, request.channel, request.partnerId, requestKey);
      if (!winner) throw error;
      return replay(winner, requestHash);
    }
    if (decided.replayed) return replay(decided.record, requestHash);

    const { record } = decided;
    void this.relay.drain().catch(() => undefined);
    this.logger.log({ returnId: record.returnId, rmaNumber: record.rmaNumber, status: record.status }, 'return decided');
    if (record.status !== 'refused') await this.sync.settle(record.returnId); // best effort: the job finishes it
    return { return: toReturnDto((await this.returns.get(this.db, record.returnId))!), replayed: false };
  }

  /**
   * The customer's return window from the ERP (an unknown customer is 422); while the ERP cannot be
   * reached, the window it last gave, so a return is still decided.
   */
  private async returnWindow(customerId: string): Promise<number | null> {
    try {
      const customer = await this.customers.get(customerId);
      const days = customer.returnWindowDays ?? null;
      await this.returns.rememberReturnWindow(customerId, days);
      return days;
    } catch (error) {
      const unavailable = error instanceof AppError && error.status >= 500;
      const known = unavailable ? await this.returns.knownReturnWindow(customerId) : undefined;
      if (known === undefined) throw error;
      this.logger.warn({ customerId }, 'ERP unavailable: deciding with the return window it last gave');
      return known;
    }
  }
}

function replay(record: ReturnRecord, requestHash: string): RequestReturnResult {
  if (record.requestHash !== requestHash) throw returnKeyReused();
  return { return: toReturnDto(record), replayed: true };
}
