import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, Database, type Queryable } from '@platform';
import { StockChanges } from '../atp/stock-changes.js';

/** Stock a holder (an order or a quote) claims on one line from one warehouse, in base units. */
export interface StockClaim {
  readonly lineNumber: number;
  readonly sku: string;
  readonly warehouseId: string;
  readonly quantity: number;
}

export interface HeldStock extends StockClaim {
  readonly holderId: string;
}

interface ReleasedRow {
  holder_id: string;
  line_number: number;
  sku: string;
  warehouse_id: string;
  quantity: number;
}

/**
 * Reservations against the ATP positions. No oversell: each claim is one conditional
 * UPDATE that only succeeds while enough stays available, so two orders for the last
 * units cannot both pass, whichever instance or connection they come from. A holder's
 * claims are taken in one transaction: all of them or none.
 */
@Injectable()
export class ReservationRepository {
  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly changes: StockChanges = new StockChanges(),
  ) {}

  /**
   * Takes every claim or none (ConflictError PROMISE.STOCK_CHANGED when one no longer fits, so
   * the caller can promise again from fresh figures). Pass `tx` to commit with the caller's own writes.
   */
  async reserve(holderId: string, claims: readonly StockClaim[], options: { expiresAt?: Date; tx?: Queryable } = {}): Promise<void> {
    const work = async (tx: Queryable) => {
      for (const claim of claims) {
        const taken = await tx.query(
          `UPDATE atp_positions SET reserved = reserved + $3
           WHERE sku = $1 AND warehouse_id = $2 AND on_hand - allocated - reserved - safety_stock - quality_hold >= $3
           RETURNING sku`,
          [claim.sku, claim.warehouseId, claim.quantity],
        );
        if (!taken.length) {
          throw new ConflictError('PROMISE.STOCK_CHANGED', `${claim.sku} in ${claim.warehouseId} no longer has ${claim.quantity} available.`);
        }
        await tx.query(
          `INSERT INTO reservations (reservation_id, holder_id, line_number, sku, warehouse_id, quantity, status, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'held', $7)`,
          [randomUUID(), holderId, claim.lineNumber, claim.sku, claim.warehouseId, claim.quantity, options.expiresAt?.toISOString() ?? null],
        );
      }
    };
    await (options.tx ? work(options.tx) : this.db.transaction(work));
    this.changes.changed(claims.map((c) => c.sku));
  }

  /** Gives a holder's held stock back (cancel, or a quote that was not taken up); returns what was released. */
  release(holderId: string): Promise<HeldStock[]> {
    return this.giveBack(`holder_id = $1`, [holderId]);
  }

  /**
   * Gives a holder's held stock back inside the caller's transaction (an order cancelled under
   * its row lock). The caller tells `StockChanges` once it has committed, so no cache re-reads
   * the figures before they are visible.
   */
  releaseIn(tx: Queryable, holderId: string): Promise<HeldStock[]> {
    return this.giveBackIn(tx, `holder_id = $1`, [holderId]);
  }

  /** Gives back every hold whose time is up; returns what was released. */
  releaseExpired(now = new Date()): Promise<HeldStock[]> {
    return this.giveBack(`expires_at <= $1`, [now.toISOString()]);
  }

  /**
   * The WMS allocated a released leg's stock of one sku: the hold ends. Call it in the
   * transaction that applies the WMS's new `allocated` figure for that sku and warehouse, so
   * the stock moves from reserved to allocated at once and is never counted as free.
   */
  async allocate(tx: Queryable, holderId: string, warehouseId: string, sku: string): Promise<HeldStock[]> {
    const allocated = await tx.query<ReleasedRow>(
      `UPDATE reservations SET status = 'allocated', updated_at = now()
       WHERE holder_id = $1 AND warehouse_id = $2 AND sku = $3 AND status = 'held'
       RETURNING holder_id, line_number, sku, warehouse_id, quantity`,
      [holderId, warehouseId, sku],
    );
    const total = allocated.reduce((sum, row) => sum + row.quantity, 0);
    if (total) await tx.query('UPDATE atp_positions SET reserved = reserved - $3 WHERE sku = $1 AND warehouse_id = $2', [sku, warehouseId, total]);
    this.changes.changed([sku]);
    return allocated.map(toHeld);
  }

  /**
   * Ends the holds of legs released before `before`. A full rebuild that read the WMS after that
   * moment counts them in the WMS's `allocated` already; this heals a hold whose allocation event
   * was lost (a WMS that gave up delivering it), which would otherwise keep the stock reserved.
   */
  async allocateReleasedBefore(before: Date): Promise<HeldStock[]> {
    const converted = await this.db.transaction(async (tx) => {
      const rows = await tx.query<ReleasedRow>(
        `UPDATE reservations r SET status = 'allocated', updated_at = now()
         FROM fulfillment_legs g
         WHERE r.status = 'held' AND g.order_id::text = r.holder_id AND g.warehouse_id = r.warehouse_id AND g.released_at < $1
         RETURNING r.holder_id, r.line_number, r.sku, r.warehouse_id, r.quantity`,
        [before.toISOString()],
      );
      for (const row of rows) {
        await tx.query('UPDATE atp_positions SET reserved = reserved - $3 WHERE sku = $1 AND warehouse_id = $2', [row.sku, row.warehouse_id, row.quantity]);
      }
      return rows.map(toHeld);
    });
    if (converted.length) this.changes.changed(converted.map((c) => c.sku));
    return converted;
  }

  /** Holds of a holder that are still open. */
  async held(holderId: string): Promise<HeldStock[]> {
    const rows = await this.db.query<ReleasedRow>(
      `SELECT holder_id, line_number, sku, warehouse_id, quantity FROM reservations
       WHERE holder_id = $1 AND status = 'held' ORDER BY line_number, warehouse_id`,
      [holderId],
    );
    return rows.map(toHeld);
  }

  private async giveBack(condition: string, params: unknown[]): Promise<HeldStock[]> {
    const released = await this.db.transaction((tx) => this.giveBackIn(tx, condition, params));
    if (released.length) this.changes.changed(released.map((r) => r.sku));
    return released;
  }

  private async giveBackIn(tx: Queryable, condition: string, params: unknown[]): Promise<HeldStock[]> {
    // the status flip claims each row once, so two releases never give the same stock back twice
    const released = await tx.query<ReleasedRow>(
      `UPDATE reservations SET status = 'released', updated_at = now()
       WHERE status = 'held' AND ${condition}
       RETURNING holder_id, line_number, sku, warehouse_id, quantity`,
      params,
    );
    for (const row of released) {
      await tx.query(`UPDATE atp_positions SET reserved = reserved - $3 WHERE sku = $1 AND warehouse_id = $2`, [row.sku, row.warehouse_id, row.quantity]);
    }
    return released.map(toHeld);
  }
}

function toHeld(row: ReleasedRow): HeldStock {
  return { holderId: row.holder_id, lineNumber: row.line_number, sku: row.sku, warehouseId: row.warehouse_id, quantity: row.quantity };
}
