import { describe, expect, it, jest } from '@jest/globals';
import type { AtpRepository } from './atp.repository.js';
import { AvailabilitySnapshotCache, SNAPSHOT_TTL_MS } from './availability-snapshot.cache.js';
import { StockChanges } from './stock-changes.js';

function setup() {
  let onHand = 10;
  const reads = { count: 0 };
  const atp = {
    available: async (skus: string[]) => {
      reads.count++;
      return skus.map((sku) => ({ sku, warehouseId: 'DC01', available: onHand }));
    },
    inbound: async () => [],
  } as unknown as AtpRepository;
  const changes = new StockChanges();
  return { cache: new AvailabilitySnapshotCache(atp, changes), changes, reads, setOnHand: (n: number) => (onHand = n) };
}

describe('AvailabilitySnapshotCache', () => {
  it("serves a sku's figures from memory until this instance changes that sku", async () => {
    const { cache, changes, reads, setOnHand } = setup();
    expect((await cache.read('SKU-1')).available[0].available).toBe(10);
    await cache.read('SKU-1');
    expect(reads.count).toBe(1);

    setOnHand(4);
    changes.changed(['SKU-2']);
    expect((await cache.read('SKU-1')).available[0].available).toBe(10);
    changes.changed(['SKU-1']);
    expect((await cache.read('SKU-1')).available[0].available).toBe(4);
    changes.changed();
    await cache.read('SKU-1');
    expect(reads.count).toBe(3);
  });

  it('reads again once an entry is older than the TTL (changes made by other instances)', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') });
    try {
      const { cache, reads, setOnHand } = setup();
      await cache.read('SKU-1');
      setOnHand(7);
      jest.setSystemTime(Date.now() + SNAPSHOT_TTL_MS + 1);
      expect((await cache.read('SKU-1')).available[0].available).toBe(7);
      expect(reads.count).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
