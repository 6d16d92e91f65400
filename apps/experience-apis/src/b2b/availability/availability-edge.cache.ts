import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { defaultAvailabilityCacheConfig, ExperienceApisConfig, type AvailabilityCacheConfig } from '../../experience.config.js';
import type { B2bAvailabilityDto, B2bAvailabilityQueryDto } from '../b2b.dto.js';

/** An answer with its weak validator (RFC 9110 §8.8.3): equal tags, equal content. */
export interface Tagged<T> {
  readonly etag: string;
  readonly body: T;
}

/** After a signal the skus are dropped again this much later: a signal may come just before its change commits. */
export const SETTLE_MS = 100;

const DAY_MS = 86_400_000;

/** What a partner is told about the cache (the operation's 200). */
export const AVAILABILITY_FRESHNESS =
  'The availability. It may come from the gateway’s cache: read from the stock projection at most B2B_AVAILABILITY_CACHE_MS ago (2 s unless configured), ' +
  'and dropped as soon as the stock of the SKU changes; asOf and stale are those of the projection when it was read.';

interface Entry {
  readonly sku: string;
  readonly fetchedAt: number;
  /** The answer for the quantity it was first asked with, and a digest of all of it but that quantity. */
  readonly answer: Promise<{ body: B2bAvailabilityDto; digest: string }>;
}

/**
 * Partner availability answers, kept at the edge so most reads never reach the process layer.
 *
 * - Key: sku, unit and ship-to, what the process layer's answer depends on besides the quantity,
 *   which it only echoes (`requestedQuantity`); the answer is the same for every partner.
 * - Fresh: an `availability.changed` signal from the process layer drops its skus at once (and
 *   again SETTLE_MS later); whatever happens, an answer is served for at most `maxAgeMs` after it
 *   was read, and never past the UTC day it was read on (its ship dates are that day's).
 * - Concurrent misses of one key share one read; a failed read is not kept, so a process layer
 *   that is down is answered as without the cache once the entry is older than `maxAgeMs`.
 * - At most `maxEntries` answers, the least recently read evicted first.
 */
@Injectable()
export class AvailabilityEdgeCache {
  private readonly config: AvailabilityCacheConfig;
  /** In least recently read order (a Map iterates in insertion order; a hit re-inserts). */
  private readonly entries = new Map<string, Entry>();
  private readonly keysOfSku = new Map<string, Set<string>>();

  constructor(config: ExperienceApisConfig) {
    this.config = config.b2bAvailabilityCache ?? defaultAvailabilityCacheConfig;
  }

  get size(): number {
    return this.entries.size;
  }

  async read(query: B2bAvailabilityQueryDto, fetch: () => Promise<B2bAvailabilityDto>): Promise<Tagged<B2bAvailabilityDto>> {
    if (this.config.maxAgeMs === 0) return tagged(await withDigest(fetch()), query.quantity);
    const key = keyOf(query);
    const now = Date.now();
    let entry = this.entries.get(key);
    if (entry && isFresh(entry, now, this.config.maxAgeMs)) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      entry = this.fetchInto(key, query.sku, now, fetch);
    }
    return tagged(await entry.answer, query.quantity);
  }

  /** Drops what is kept of these skus (every sku: `null`), now and again SETTLE_MS later. */
  changed(skus: readonly string[] | null): void {
    this.drop(skus);
    setTimeout(() => this.drop(skus), SETTLE_MS).unref();
  }

  private drop(skus: readonly string[] | null): void {
    if (!skus) {
      this.entries.clear();
      this.keysOfSku.clear();
      return;
    }
    for (const sku of skus) {
      for (const key of this.keysOfSku.get(sku) ?? []) this.entries.delete(key);
      this.keysOfSku.delete(sku);
    }
  }

  private fetchInto(key: string, sku: string, now: number, fetch: () => Promise<B2bAvailabilityDto>): Entry {
    const entry: Entry = { sku, fetchedAt: now, answer: withDigest(fetch()) };
    // a failed read is not kept, and a newer entry (or a drop since) is not undone for it
    entry.answer.catch(() => this.entries.get(key) === entry && this.remove(key, entry));
    this.entries.delete(key);
    this.entries.set(key, entry);
    let keys = this.keysOfSku.get(sku);
    if (!keys) this.keysOfSku.set(sku, (keys = new Set()));
    keys.add(key);
    if (this.entries.size > this.config.maxEntries) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.remove(oldestKey, oldest);
    }
    return entry;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    const keys = this.keysOfSku.get(entry.sku);
    keys?.delete(key);
    if (keys?.size === 0) this.keysOfSku.delete(entry.sku);
  }
}

function keyOf(query: B2bAvailabilityQueryDto): string {
  return `${query.sku}\n${query.uom ?? 'EA'}\n${query.region ?? ''}\n${query.shipToPostalCode ?? ''}`;
}

function isFresh(entry: Entry, now: number, maxAgeMs: number): boolean {
  return now - entry.fetchedAt < maxAgeMs && Math.floor(now / DAY_MS) === Math.floor(entry.fetchedAt / DAY_MS);
}

async function withDigest(answer: Promise<B2bAvailabilityDto>): Promise<{ body: B2bAvailabilityDto; digest: string }> {
  const body = await answer;
  const { requestedQuantity: _, ...rest } = body;
  return { body, digest: createHash('sha256').update(JSON.stringify(rest)).digest('base64url').slice(0, 22) };
}

/** The answer for this quantity: the cached one with the quantity echoed, tagged by its content. */
function tagged(answer: { body: B2bAvailabilityDto; digest: string }, quantity: number): Tagged<B2bAvailabilityDto> {
  const body = answer.body.requestedQuantity === quantity ? answer.body : { ...answer.body, requestedQuantity: quantity };
  return { etag: `W/"${answer.digest}-${quantity}"`, body };
}
