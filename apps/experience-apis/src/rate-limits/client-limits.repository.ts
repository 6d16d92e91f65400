import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@platform';
import { ExperienceApisConfig, type BucketPolicy, type ClientRateLimits, type RateLimitClass } from '../experience.config.js';

/** A change of a client's limits in the database applies within this long. */
const CACHE_MS = 30_000;
/** Token requests name any client id they like: the cache is bounded. */
const CACHE_MAX = 10_000;

/** The limits of a client: its own (`partners.rate_limits`) where it has them, else the configured defaults. */
@Injectable()
export class ClientLimitsRepository {
  private readonly cache = new Map<string, { limits: ClientRateLimits; until: number }>();

  constructor(
    @Inject(Database) private readonly db: Database,
    private readonly config: ExperienceApisConfig,
  ) {}

  async policy(clientId: string | undefined, kind: RateLimitClass): Promise<BucketPolicy> {
    const own = clientId ? (await this.limitsOf(clientId))[kind] : undefined;
    return own ?? this.config.rateLimits.defaults[kind];
  }

  private async limitsOf(clientId: string): Promise<ClientRateLimits> {
    const cached = this.cache.get(clientId);
    if (cached && cached.until > Date.now()) return cached.limits;
    const [row] = await this.db.query<{ rate_limits: ClientRateLimits | null }>('SELECT rate_limits FROM partners WHERE partner_id = $1', [clientId]);
    const limits = validLimits(row?.rate_limits);
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(clientId, { limits, until: Date.now() + CACHE_MS });
    return limits;
  }
}

/** Keeps only well-formed classes, so a hand-edited row cannot switch a limit off or divide by zero. */
function validLimits(stored: unknown): ClientRateLimits {
  if (!stored || typeof stored !== 'object') return {};
  const limits: Partial<Record<RateLimitClass, BucketPolicy>> = {};
  for (const [kind, value] of Object.entries(stored as Record<string, unknown>)) {
    const policy = value as Partial<BucketPolicy> | null;
    if (!['reads', 'writes', 'token'].includes(kind) || !policy) continue;
    if (typeof policy.perSecond === 'number' && policy.perSecond > 0 && Number.isInteger(policy.burst) && (policy.burst ?? 0) > 0) {
      limits[kind as RateLimitClass] = { perSecond: policy.perSecond, burst: policy.burst! };
    }
  }
  return limits;
}
