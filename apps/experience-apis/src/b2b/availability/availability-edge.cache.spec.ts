import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { ExperienceApisConfig } from '../../experience.config.js';
import type { B2bAvailabilityDto, B2bAvailabilityQueryDto } from '../b2b.dto.js';
import { AvailabilityEdgeCache, SETTLE_MS } from './availability-edge.cache.js';

const answer = (sku: string, totalAvailable: number): B2bAvailabilityDto => ({
  sku,
  requestedQuantity: 1,
  uom: 'EA',
  totalAvailable,
  warehouses: [{ warehouseId: 'DC01', available: totalAvailable, promisedShipDate: '2026-11-25' }],
  inbound: [],
  asOf: '2026-11-25T10:00:00.000Z',
  stale: false,
});

/** A process layer answering `total` for every sku, counting its reads. */
function processLayer(total = 100) {
  const reads: string[] = [];
  return {
    reads,
    total,
    fetch(query: B2bAvailabilityQueryDto) {
      return () => {
        reads.push(query.sku);
        return Promise.resolve(answer(query.sku, this.total));
      };
    },
  };
}

const cacheWith = (maxAgeMs: number, maxEntries = 100) => new AvailabilityEdgeCache({ b2bAvailabilityCache: { maxAgeMs, maxEntries } } as ExperienceApisConfig);
const query = (sku: string, quantity = 1, extra: Partial<B2bAvailabilityQueryDto> = {}) => ({ sku, quantity, ...extra }) as B2bAvailabilityQueryDto;

describe('AvailabilityEdgeCache', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('keeps an answer for at most its max age, whatever the quantity asked', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-25T10:00:00Z') });
    const cache = cacheWith(2_000);
    const process = processLayer();
    await cache.read(query('SKU-1'), process.fetch(query('SKU-1')));
    const hit = await cache.read(query('SKU-1', 7), process.fetch(query('SKU-1', 7)));
    expect(hit.body.requestedQuantity).toBe(7);
    expect(process.reads).toHaveLength(1);
    jest.advanceTimersByTime(2_000);
    await cache.read(query('SKU-1'), process.fetch(query('SKU-1')));
    expect(process.reads).toHaveLength(2);
  });

  it('never serves an answer past the UTC day it was read on (its ship dates are that day’s)', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-25T23:59:59.500Z') });
    const cache = cacheWith(60_000);
    const process = processLayer();
    await cache.read(query('SKU-1'), process.fetch(query('SKU-1')));
    jest.advanceTimersByTime(1_000);
    await cache.read(query('SKU-1'), process.fetch(query('SKU-1')));
    expect(process.reads).toHaveLength(2);
  });

  it('drops the skus of a signal at once and again SETTLE_MS later, other skus kept', async () => {
    jest.useFakeTimers();
    const cache = cacheWith(60_000);
    const process = processLayer();
    const both = async () => {
      await cache.read(query('SKU-1'), process.fetch(query('SKU-1')));
      await cache.read(query('SKU-2'), process.fetch(query('SKU-2')));
    };
    await both();
    cache.changed(['SKU-1']);
    await both();
    expect(process.reads).toEqual(['SKU-1', 'SKU-2', 'SKU-1']);
    // a read between the signal and its commit cached the old figures: the second drop takes them out
    jest.advanceTimersByTime(SETTLE_MS);
    await both();
    expect(process.reads).toEqual(['SKU-1', 'SKU-2', 'SKU-1', 'SKU-1']);
    cache.changed(null);
    await both();
    expect(process.reads.slice(4)).toEqual(['SKU-1', 'SKU-2']);
  });

  it('shares one read among concurrent misses, and keeps no failed read', async () => {
    const cache = cacheWith(60_000);
    let release!: (value: B2bAvailabilityDto) => void;
    let reads = 0;
    const slow = () => {
      reads++;
      return new Promise<B2bAvailabilityDto>((resolve) => (release = resolve));
    };
    const waiting = Promise.all([1, 2, 3].map((quantity) => cache.read(query('SKU-1', quantity), slow)));
    release(answer('SKU-1', 5));
    expect((await waiting).map((a) => a.body.requestedQuantity)).toEqual([1, 2, 3]);
    expect(reads).toBe(1);

    const down = () => Promise.reject(new Error('process layer unavailable'));
    await expect(cache.read(query('SKU-2'), down)).rejects.toThrow('process layer unavailable');
    const process = processLayer();
    await cache.read(query('SKU-2'), process.fetch(query('SKU-2')));
    expect(process.reads).toEqual(['SKU-2']);
  });

  it('keys by unit and ship-to; the ETag follows the content and the quantity', async () => {
    const cache = cacheWith(60_000);
    const process = processLayer();
    const each = await cache.read(query('SKU-1'), process.fetch(query('SKU-1')));
    await cache.read(query('SKU-1', 1, { uom: 'CS' }), process.fetch(query('SKU-1')));
    await cache.read(query('SKU-1', 1, { region: 'OH' }), process.fetch(query('SKU-1')));
    await cache.read(query('SKU-1', 1, { uom: 'EA' }), process.fetch(query('SKU-1')));
    expect(process.reads).toHaveLength(3);
    expect((await cache.read(query('SKU-1', 2), process.fetch(query('SKU-1')))).etag).not.toBe(each.etag);
    expect((await cache.read(query('SKU-1', 1), process.fetch(query('SKU-1')))).etag).toBe(each.etag);
    process.total = 99;
    cache.changed(['SKU-1']);
    expect((await cache.read(query('SKU-1', 1), process.fetch(query('SKU-1')))).etag).not.toBe(each.etag);
  });

  it('holds at most maxEntries answers, the least recently read evicted first', async () => {
    const cache = cacheWith(60_000, 2);
    const process = processLayer();
    const get = (sku: string) => cache.read(query(sku), process.fetch(query(sku)));
    await get('SKU-1');
    await get('SKU-2');
    await get('SKU-1');
    await get('SKU-3');
    expect(cache.size).toBe(2);
    await get('SKU-1');
    await get('SKU-2');
    expect(process.reads).toEqual(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-2']);
  });

  it('reads through every time with a max age of 0', async () => {
    const cache = cacheWith(0);
    const process = processLayer();
    await cache.read(query('SKU-1'), process.fetch(query('SKU-1')));
    await cache.read(query('SKU-1'), process.fetch(query('SKU-1')));
    expect(process.reads).toHaveLength(2);
    expect(cache.size).toBe(0);
  });
});
