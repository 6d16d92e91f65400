import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, ConflictError, Database, type Queryable } from '@platform';
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

/** A quote hold's partner, and the most of a SKU's available stock its quote holds may take together. */
export interface HoldShare {
  readonly customerId: string;
  readonly maxShare: number;
}

export interface ReserveOptions {
  readonly expiresAt?: Date;
  readonly tx?: Queryable;
  /** Quotes only: refuse (QUOTE.HOLD_SHARE_EXCEEDED) what would take the partner's holds of a SKU over its share. */
  readonly holdShare?: HoldShare;
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
  async reserve(holderId: string, claims: readonly StockClaim[], options: ReserveOptions = {}): Promise<void> {
    const work = async (tx: Queryable) => {
      if (options.holdShare) await this.checkHoldShare(tx, claims, options.holdShare);
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
        // a retried order claims the (line, warehouse) its failed attempt held and gave back: that row is re-used
        const held = await tx.query(
          `INSERT INTO reservations (reservation_id, holder_id, line_number, sku, warehouse_id, quantity, status, expires_at, customer_id)
           VALUES ($1, $2, $3, $4, $5, $6, 'held', $7, $8)
           ON CONFLICT (holder_id, line_number, warehouse_id) DO UPDATE
             SET sku = EXCLUDED.sku, quantity = EXCLUDED.quantity, status = 'held', expires_at = EXCLUDED.expires_at,
               customer_id = EXCLUDED.customer_id, updated_at = now()
             WHERE reservations.status = 'released'
           RETURNING reservation_id`,
          [
            randomUUID(),
            holderId,
            claim.lineNumber,
            claim.sku,
            claim.warehouseId,
            claim.quantity,
            options.expiresAt?.toISOString() ?? null,
            options.holdShare?.customerId ?? null,
          ],
        );
        // still held or allocated: the holder has it already, and taking it twice would count the stock twice
        if (!held.length) throw new ConflictError('PROMISE.ALREADY_HELD', `${holderId} already holds line ${claim.lineNumber} in ${claim.warehouseId}.`);
      }
    };
    await (options.tx ? work(options.tx) : this.db.transaction(work));
    this.changes.changed(claims.map((c) => c.sku));
  }

  /**
   * A partner's quote holds of a SKU, across warehouses, may not exceed `maxShare` of what would be available
   * to it without them (available now + what it holds). Checked in the reservation's transaction under an
   * advisory lock per (customer, sku), taken in sku order, so two concurrent quotes of one partner are
   * counted one after the other; other partners and orders are not held up by it.
   */
  private async checkHoldShare(tx: Queryable, claims: readonly StockClaim[], share: HoldShare): Promise<void> {
    const wanted = new Map<string, number>();
    for (const claim of claims) wanted.set(claim.sku, (wanted.get(claim.sku) ?? 0) + claim.quantity);
    const skus = [...wanted.keys()].sort();
    for (const sku of skus) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`quote-hold-share:${share.customerId}:${sku}`]);
    const rows = await tx.query<{ sku: string; available: string; held: string }>(
      `SELECT p.sku,
              sum(greatest(p.on_hand - p.allocated - p.reserved - p.safety_stock - p.quality_hold, 0)) AS available,
              (SELECT coalesce(sum(r.quantity), 0) FROM reservations r
                WHERE r.sku = p.sku AND r.customer_id = $2 AND r.status = 'held' AND r.expires_at IS NOT NULL) AS held
       FROM atp_positions p WHERE p.sku = ANY($1::text[]) GROUP BY p.sku`,
      [skus, share.customerId],
    );
    for (const row of rows) {
      const held = Number(row.held);
      const allowed = Math.floor(share.maxShare * (Number(row.available) + held) + 1e-9);
      const requested = wanted.get(row.sku)!;
      if (held + requested > allowed) {
        throw new AppError('QUOTE.HOLD_SHARE_EXCEEDED', 422, 'Unprocessable request', {
          detail:
            `Your quote holds of ${row.sku} may take at most ${Math.round(share.maxShare * 100)} % of its available stock: ` +
            `${allowed} base units, of which you hold ${held}; this quote asks for ${requested}. Hold less, or quote without holdSeconds.`,
          extensions: { sku: row.sku, maxShare: share.maxShare, maxHoldQuantity: allowed, heldQuantity: held, requestedQuantity: requested },
        });
      }
    }
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
