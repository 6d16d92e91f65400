import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SystemApiClient, type InboundSupplyDto, type InventoryPositionDto } from '@contracts';
import { Database, PeriodicTask, ScheduledJob, runWithContext, ValidationError, type FieldError, type Queryable } from '@platform';
import { ProcessApisConfig } from '../../process.config.js';
import { ReservationRepository } from '../reservations/reservation.repository.js';
import { AtpRepository, type ProjectionState, type StockPosition } from './atp.repository.js';

export interface Freshness {
  readonly asOf: Date;
  /** The last rebuild failed (a backend is down) or is overdue: figures may be out of date. */
  readonly stale: boolean;
  readonly ageSeconds: number;
}

/** The WMS's figures of a position, as the projection keeps them (and reconciliation compares them). */
export const toStockPosition = (p: InventoryPositionDto): StockPosition => ({
  sku: p.sku,
  warehouseId: p.warehouseId,
  onHand: p.onHand,
  allocated: p.allocated,
  safetyStock: p.safetyStock,
  qualityHold: p.qualityHold,
});

export const ATP_REBUILD_LEASE = 'atp-rebuild';

/** An event's figures are checked before they replace ours: a bad one is refused (400), never half applied. */
function stockPositionOf(data: Record<string, unknown>): StockPosition {
  const errors: FieldError[] = [];
  const text = (field: string) => {
    const value = data[field];
    if (typeof value === 'string' && value.length > 0) return value;
    errors.push({ field: `data.${field}`, messages: ['must be a non-empty string'] });
    return '';
  };
  const count = (field: string) => {
    const value = data[field];
    if (Number.isInteger(value) && (value as number) >= 0) return value as number;
    errors.push({ field: `data.${field}`, messages: ['must be a whole number of base units, not negative'] });
    return 0;
  };
  const position = {
    sku: text('sku'),
    warehouseId: text('warehouseId'),
    onHand: count('onHand'),
    allocated: count('allocated'),
    safetyStock: count('safetyStock'),
    qualityHold: count('qualityHold'),
  };
  if (errors.length) throw new ValidationError(errors, 'The inventory.changed event carries invalid figures.', 'EVENT.INVALID_DATA');
  return position;
}

/**
 * The ATP projection: stock per (sku, warehouse) and inbound supply, kept in the process
 * database so availability and promises never call a backend on the read path. Rebuilt in
 * full at start and on a schedule; inventory events from the WMS keep it current in between.
 */
@Injectable()
export class AtpProjectionService extends ScheduledJob {
  private readonly logger = new Logger(AtpProjectionService.name);
  // The projection is shared by every instance: one of them, the holder of the `atp-rebuild` lease, rebuilds
  // it; the others keep the schedule. After a failed rebuild the next comes sooner.
  protected override readonly firstPassAtStart = true;
  protected readonly task = new PeriodicTask({
    run: () => this.rebuild(),
    every: (rebuilt) => (rebuilt === false ? Math.min(5_000, this.config.atpRefreshMs) : this.config.atpRefreshMs),
    logger: this.logger,
    failure: 'ATP projection not rebuilt',
    lease: { db: this.db, name: ATP_REBUILD_LEASE },
  });
  private stateCache?: { at: number; value: Promise<ProjectionState> };

  constructor(
    private readonly system: SystemApiClient,
    private readonly atp: AtpRepository,
    private readonly reservations: ReservationRepository,
    private readonly config: ProcessApisConfig,
    @Inject(Database) private readonly db: Database,
  ) {
    super();
  }

  /** Re-reads every position, the warehouses and the inbound supply; false (and stale) when the WMS can't be read. */
  rebuild(): Promise<boolean> {
    return runWithContext({ correlationId: `atp-rebuild-${randomUUID()}` }, async () => {
      const started = new Date();
      try {
        const [warehouses, positions, purchaseOrders] = await Promise.all([
          this.system.listWarehouses(),
          this.system.listInventory(),
          // the ERP being down must not stop stock from being refreshed
          this.system.listInboundSupply().catch((error: unknown) => {
            this.logger.warn(`inbound supply not refreshed, keeping what is known: ${(error as Error).message}`);
            return undefined;
          }),
        ]);
        const transfers: InboundSupplyDto[] = positions.flatMap((p) =>
          p.inTransit.map((t, i) => ({
            sku: p.sku,
            warehouseId: p.warehouseId,
            quantity: t.quantity,
            eta: t.eta,
            source: 'transfer' as const,
            reference: `${p.warehouseId}:${t.eta}:${i}`,
          })),
        );
        // transfers come with the positions, so they are refreshed even when the ERP is down
        const inbound = purchaseOrders ? [...purchaseOrders, ...transfers] : undefined;
        await this.atp.replaceAll(positions.map(toStockPosition), inbound, warehouses);
        this.stateCache = undefined;
        const healed = await this.reservations.allocateReleasedBefore(started);
        if (healed.length) this.logger.warn({ holds: healed.length }, 'holds of released legs ended by the rebuild (their allocation events were lost)');
        this.logger.log(`ATP projection rebuilt: ${positions.length} positions, ${inbound?.length ?? 'unchanged'} inbound supply lines`);
        return true;
      } catch (error) {
        const reason = (error as Error).message;
        await this.atp.recordFailure(reason).catch(() => undefined);
        this.stateCache = undefined;
        this.logger.warn(`ATP projection not rebuilt, answering from the last figures: ${reason}`);
        return false;
      }
    });
  }

  /** One position's new figures from an `inventory.changed` event, in the caller's inbox transaction. */
  /** Refuses (ValidationError, 400) figures a stock change could not be applied with, before it is taken. */
  checkChange(data: Record<string, unknown>): void {
    stockPositionOf(data);
  }

  applyChange(tx: Queryable, data: Record<string, unknown>): Promise<void> {
    return this.atp.applyChange(tx, stockPositionOf(data));
  }

  /** Reconciliation's repair: one position set to the WMS's figures (its inventory event was lost), in a transaction of its own. */
  async resync(position: StockPosition): Promise<void> {
    await this.db.transaction((tx) => this.atp.applyChange(tx, position));
  }

  /** How fresh the figures are; the state row is read at most once a second. */
  async freshness(now = new Date()): Promise<Freshness> {
    if (!this.stateCache || now.getTime() - this.stateCache.at > 1_000) {
      const value = this.atp.state();
      value.catch(() => (this.stateCache = undefined));
      this.stateCache = { at: now.getTime(), value };
    }
    const state = await this.stateCache.value;
    const asOf = state.rebuiltAt ?? new Date(0);
    const ageSeconds = Math.max(0, Math.round((now.getTime() - asOf.getTime()) / 1000));
    // two missed rebuilds, with a few seconds' grace for a rebuild that is slow rather than failing
    const overdue = now.getTime() - asOf.getTime() > 2 * this.config.atpRefreshMs + 5_000;
    return { asOf, stale: !state.rebuiltAt || state.failedAt !== undefined || overdue, ageSeconds };
  }
}
