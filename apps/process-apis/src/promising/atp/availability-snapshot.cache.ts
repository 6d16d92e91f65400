import { Injectable } from '@nestjs/common';
import type { InboundSupplyDto } from '@contracts';
import { AtpRepository, type AvailableStock } from './atp.repository.js';
import { StockChanges } from './stock-changes.js';

export interface SkuSnapshot {
  readonly available: AvailableStock[];
  readonly inbound: InboundSupplyDto[];
}

/** Entries live this long at most: the bound on how late another instance's change shows here. */
export const SNAPSHOT_TTL_MS = 500;

/**
 * Availability reads are many and stock changes few: each sku's figures are read once and
 * served from memory until this instance changes them (dropped at once) or they are
 * SNAPSHOT_TTL_MS old. Promises never read through this cache: they need the figures the
 * reservation will be checked against.
 */
@Injectable()
export class AvailabilitySnapshotCache {
  private readonly entries = new Map<string, { at: number; value: Promise<SkuSnapshot> }>();

  constructor(
    private readonly atp: AtpRepository,
    changes: StockChanges,
  ) {
    changes.onChange((skus) => (skus ? skus.forEach((sku) => this.entries.delete(sku)) : this.entries.clear()));
  }

  read(sku: string): Promise<SkuSnapshot> {
    const entry = this.entries.get(sku);
    if (entry && Date.now() - entry.at < SNAPSHOT_TTL_MS) return entry.value;
    const value = Promise.all([this.atp.available([sku]), this.atp.inbound([sku])]).then(([available, inbound]) => ({ available, inbound }));
    const fresh = { at: Date.now(), value };
    // a failed read is not kept, and a newer entry is not thrown away for it
    value.catch(() => this.entries.get(sku) === fresh && this.entries.delete(sku));
    this.entries.set(sku, fresh);
    return value;
  }
}
