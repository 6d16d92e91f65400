import { Inject, Injectable } from '@nestjs/common';
import type { InboundSupplyDto, WarehouseDto } from '@contracts';
import { Database, type Queryable } from '@platform';
import { StockChanges } from './stock-changes.js';

/** The WMS's figures for one (sku, warehouse), in base units; the gateway's own reservations are kept apart. */
export interface StockPosition {
  readonly sku: string;
  readonly warehouseId: string;
  readonly onHand: number;
  readonly allocated: number;
  readonly safetyStock: number;
  readonly qualityHold: number;
}

export interface AvailableStock {
  readonly sku: string;
  readonly warehouseId: string;
  readonly available: number;
}

export interface ProjectionState {
  /** Last full rebuild from the backends. */
  readonly rebuiltAt?: Date;
  /** Last change applied from an inventory event. */
  readonly changedAt?: Date;
  /** Last failed rebuild, when it came after the last good one. */
  readonly failedAt?: Date;
  readonly failure?: string;
}

interface StateRow {
  rebuilt_at: Date | string | null;
  changed_at: Date | string | null;
  failed_at: Date | string | null;
  failure: string | null;
}

const date = (value: Date | string | null) => (value === null ? undefined : new Date(value));

/** The ATP projection's tables: positions, inbound supply, warehouses and when they were last refreshed. */
@Injectable()
export class AtpRepository {
  /** Warehouses change only with a rebuild; read once per rebuild (or minute, for other instances' rebuilds). */
  private warehouseCache?: { at: number; value: Promise<WarehouseDto[]> };

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly changes: StockChanges = new StockChanges(),
  ) {}

  /**
   * A full rebuild: positions, inbound supply and warehouses replaced in one transaction.
   * A position the WMS no longer reports drops to zero (it may still hold reservations).
   * `inbound` undefined keeps the inbound supply known so far.
   */
  async replaceAll(
    positions: readonly StockPosition[],
    inbound: readonly InboundSupplyDto[] | undefined,
    warehouses: readonly WarehouseDto[],
    at = new Date(),
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.upsertPositions(tx, positions, at);
      await tx.query(`UPDATE atp_positions SET on_hand = 0, allocated = 0, safety_stock = 0, quality_hold = 0, refreshed_at = $1 WHERE refreshed_at < $1`, [
        at.toISOString(),
      ]);
      // undefined: the ERP could not be read; keep the supply known so far
      if (inbound) await tx.query('DELETE FROM inbound_supply');
      if (inbound?.length) {
        await tx.query(
          `INSERT INTO inbound_supply (source, reference, sku, warehouse_id, quantity, eta)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::text[])
           ON CONFLICT (source, reference, sku, warehouse_id) DO UPDATE SET quantity = inbound_supply.quantity + EXCLUDED.quantity`,
          [
            inbound.map((i) => i.source),
            inbound.map((i) => i.reference),
            inbound.map((i) => i.sku),
            inbound.map((i) => i.warehouseId),
            inbound.map((i) => i.quantity),
            inbound.map((i) => i.eta),
          ],
        );
      }
      for (const w of warehouses) {
        await tx.query(
          `INSERT INTO warehouses (warehouse_id, name, region, transit_days) VALUES ($1, $2, $3, $4)
           ON CONFLICT (warehouse_id) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region, transit_days = EXCLUDED.transit_days`,
          [w.warehouseId, w.name, w.region, JSON.stringify(w.transitDays)],
        );
      }
      await tx.query('UPDATE atp_state SET rebuilt_at = $1, failed_at = NULL, failure = NULL WHERE id = 1', [at.toISOString()]);
    });
    this.warehouseCache = undefined;
    this.changes.changed();
  }

  /** One position's new figures from an inventory event, inside the caller's (inbox) transaction. */
  async applyChange(tx: Queryable, position: StockPosition, at = new Date()): Promise<void> {
    await this.upsertPositions(tx, [position], at);
    await tx.query('UPDATE atp_state SET changed_at = $1 WHERE id = 1', [at.toISOString()]);
    this.changes.changed([position.sku]);
  }

  async recordFailure(reason: string, at = new Date()): Promise<void> {
    await this.db.query('UPDATE atp_state SET failed_at = $1, failure = $2 WHERE id = 1', [at.toISOString(), reason.slice(0, 500)]);
  }

  async state(): Promise<ProjectionState> {
    const [row] = await this.db.query<StateRow>('SELECT rebuilt_at, changed_at, failed_at, failure FROM atp_state WHERE id = 1');
    return { rebuiltAt: date(row.rebuilt_at), changedAt: date(row.changed_at), failedAt: date(row.failed_at), failure: row.failure ?? undefined };
  }

  /** Available now per warehouse for the skus: on hand - allocated - reserved - safety stock - hold, never below zero. */
  async available(skus: readonly string[]): Promise<AvailableStock[]> {
    const rows = await this.db.query<{ sku: string; warehouse_id: string; available: number }>(
      `SELECT sku, warehouse_id, GREATEST(on_hand - allocated - reserved - safety_stock - quality_hold, 0) AS available
       FROM atp_positions WHERE sku = ANY($1::text[]) ORDER BY sku, warehouse_id`,
      [skus],
    );
    return rows.map((r) => ({ sku: r.sku, warehouseId: r.warehouse_id, available: Number(r.available) }));
  }

  /**
   * Inbound supply of the skus by ETA, less what open backorders have already been promised
   * (taken from the earliest supply first), so two backorders never count on the same receipt.
   */
  async inbound(skus: readonly string[], q: Queryable = this.db): Promise<InboundSupplyDto[]> {
    // one after the other: `q` may be a transaction, which takes one statement at a time
    const supply = await q.query<{ source: InboundSupplyDto['source']; reference: string; sku: string; warehouse_id: string; quantity: number; eta: string }>(
      `SELECT source, reference, sku, warehouse_id, quantity, eta FROM inbound_supply WHERE sku = ANY($1::text[]) ORDER BY sku, eta, reference`,
      [skus],
    );
    const promised = await q.query<{ sku: string; quantity: string }>(
      `SELECT l.sku, sum(l.backordered_quantity * (l.base_quantity / l.quantity)) AS quantity
         FROM order_lines l JOIN orders o ON o.order_id = l.order_id
         WHERE l.sku = ANY($1::text[]) AND l.backordered_quantity > 0 AND l.backorder_date IS NOT NULL
           AND o.status NOT IN ('cancelled', 'rejected', 'failed', 'pending')
         GROUP BY l.sku`,
      [skus],
    );
    const taken = new Map(promised.map((p) => [p.sku, Number(p.quantity)]));
    const left: InboundSupplyDto[] = [];
    for (const row of supply) {
      const already = taken.get(row.sku) ?? 0;
      const used = Math.min(already, row.quantity);
      taken.set(row.sku, already - used);
      if (row.quantity > used) {
        left.push({ source: row.source, reference: row.reference, sku: row.sku, warehouseId: row.warehouse_id, quantity: row.quantity - used, eta: row.eta });
      }
    }
    return left;
  }

  warehouses(): Promise<WarehouseDto[]> {
    if (!this.warehouseCache || Date.now() - this.warehouseCache.at > 60_000) {
      const value = this.readWarehouses();
      // a failed read is not kept
      value.catch(() => (this.warehouseCache = undefined));
      this.warehouseCache = { at: Date.now(), value };
    }
    return this.warehouseCache.value;
  }

  private async readWarehouses(): Promise<WarehouseDto[]> {
    const rows = await this.db.query<{ warehouse_id: string; name: string; region: string; transit_days: Record<string, number> }>(
      'SELECT warehouse_id, name, region, transit_days FROM warehouses ORDER BY warehouse_id',
    );
    return rows.map((r) => ({ warehouseId: r.warehouse_id, name: r.name, region: r.region, transitDays: r.transit_days }));
  }

  private async upsertPositions(tx: Queryable, positions: readonly StockPosition[], at: Date): Promise<void> {
    if (!positions.length) return;
    await tx.query(
      `INSERT INTO atp_positions (sku, warehouse_id, on_hand, allocated, safety_stock, quality_hold, refreshed_at)
       SELECT sku, warehouse_id, on_hand, allocated, safety_stock, quality_hold, $7::timestamptz
       FROM unnest($1::text[], $2::text[], $3::integer[], $4::integer[], $5::integer[], $6::integer[])
         AS p (sku, warehouse_id, on_hand, allocated, safety_stock, quality_hold)
       ON CONFLICT (sku, warehouse_id) DO UPDATE SET
         on_hand = EXCLUDED.on_hand, allocated = EXCLUDED.allocated, safety_stock = EXCLUDED.safety_stock,
         quality_hold = EXCLUDED.quality_hold, refreshed_at = EXCLUDED.refreshed_at`,
      [
        positions.map((p) => p.sku),
        positions.map((p) => p.warehouseId),
        positions.map((p) => p.onHand),
        positions.map((p) => p.allocated),
        positions.map((p) => p.safetyStock),
        positions.map((p) => p.qualityHold),
        at.toISOString(),
      ],
    );
  }
}
