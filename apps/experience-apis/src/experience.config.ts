import {
  appUrl,
  breakerEnv,
  breakerOptionsFrom,
  channelEventsToken,
  metricsEnabled,
  metricsToken,
  databaseConfigFrom,
  DEFAULT_REQUEST_TIMEOUT_MS,
  host,
  logLevel,
  port,
  positiveInt,
  readEnv,
  parseServiceKeys,
  serviceTokenKeysEnv,
  type BreakerOptions,
  type ServiceKeySet,
  type DatabaseConfig,
  type LogLevel,
} from '@platform';
import { z } from 'zod';
import { DEFAULT_B2B_VERSION_POLICY, type B2bVersionPolicy } from './b2b/versioning/b2b-versions.js';

/** A B2B partner acts for one ERP customer (scope `b2b`); a CRM client is an internal system (scope `crm`); an operator runs the operations routes (scope `ops`). */
export const CLIENT_KINDS = ['partner', 'crm', 'operator'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** The scopes each kind of client gets: a token never carries another kind's scope. */
export const SCOPES_OF: Readonly<Record<ClientKind, readonly string[]>> = { partner: ['b2b'], crm: ['crm'], operator: ['ops'] };

/** The longest access token TOKEN_TTL_SECONDS may ask for (operator tokens are capped lower, see OPERATOR_TOKEN_MAX_TTL_SECONDS). */
export const MAX_TOKEN_TTL_SECONDS = 3600;

export interface DemoPartner {
  readonly partnerId: string;
  readonly name: string;
  /** Partners only: the ERP customer the partner orders for. */
  readonly customerId?: string;
  readonly secret: string;
  /** Defaults to `partner`. */
  readonly kind?: ClientKind;
  /** Limits of this client that differ from the defaults (stored with the client when it is first seeded). */
  readonly rateLimits?: ClientRateLimits;
}

/** Request classes with a token bucket each: reads (GET, HEAD), writes (POST, PUT, PATCH, DELETE), the token endpoint. */
export const RATE_LIMIT_CLASSES = ['reads', 'writes', 'token'] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];

/** A token bucket: refills `perSecond` tokens a second up to `burst`; a request takes one. */
export interface BucketPolicy {
  readonly perSecond: number;
  readonly burst: number;
}

export type ClientRateLimits = Partial<Record<RateLimitClass, BucketPolicy>>;

export interface RateLimitConfig {
  /** Off: no request quotas (e.g. another gateway in front enforces them); failed token requests are still throttled. */
  readonly enabled: boolean;
  /** `memory`: per instance (embedded); `postgres`: one bucket per client shared by every instance, in the app's database. */
  readonly store: 'memory' | 'postgres';
  /** Per client (and, on the token endpoint, per address too) unless the client has its own. */
  readonly defaults: Readonly<Record<RateLimitClass, BucketPolicy>>;
  /** Failed token requests allowed per client id and per address within the window, before 429. */
  readonly tokenFailures: { readonly max: number; readonly windowSeconds: number };
}

/** Typed configuration of the experience layer; provided as a value, read once at start-up. */
export abstract class ExperienceApisConfig {
  abstract readonly host: string;
  abstract readonly port: number;
  abstract readonly logLevel: LogLevel;
  /** Bearer token a scrape of GET /metrics must carry (METRICS_TOKEN); /metrics is open without it. */
  abstract readonly metricsToken?: string;
  /** METRICS_ENABLED: false records no HTTP metrics and removes GET /metrics (404); on when absent. */
  abstract readonly metricsEnabled?: boolean;
  abstract readonly processUrl: string;
  abstract readonly database: DatabaseConfig;
  abstract readonly breaker: BreakerOptions;
  abstract readonly bodyLimitBytes: number;
  /** Proxies (load balancers) whose X-Forwarded-For names the client's address, for per-address limits; none when absent. */
  abstract readonly trustProxy?: boolean | string[];
  /** A request, headers and body, must arrive within this time (slow senders get 408 and are cut off). */
  abstract readonly requestTimeoutMs?: number;
  abstract readonly auth: {
    /**
     * Encrypts the ES256 signing keys at rest (AES-256-GCM, key derived with HKDF). When absent (development) the keys
     * are kept in the database in clear; with it, no key is.
     */
    readonly keyEncryptionSecret?: string;
    readonly tokenTtlSeconds: number;
    readonly issuer: string;
  };
  abstract readonly idempotency: {
    /** How long a completed request is replayed for its key. */
    readonly retentionHours: number;
    /** A request still in flight after this long is taken to have died and may be retried. */
    readonly inFlightTimeoutMs: number;
  };
  /** B2B v1 deprecation and sunset dates and the migration note; the defaults when absent. */
  abstract readonly b2bVersions?: B2bVersionPolicy;
  /** The edge cache of partner availability reads (docs/b2b-partners.md, Availability at the edge); the defaults when absent. */
  abstract readonly b2bAvailabilityCache?: AvailabilityCacheConfig;
  /** Service-token keys: signs this layer's calls to the process layer, verifies the process layer's token introspection calls. */
  abstract readonly serviceKeys: ServiceKeySet;
  /** Shared secret the process layer sends with channel events; none are accepted when absent. */
  abstract readonly channelEventsToken?: string;
  /** Seeded clients: the demo partners and the demo CRM client unless disabled. */
  abstract readonly demoPartners: readonly DemoPartner[];
  abstract readonly edi: {
    /** Seeded X12 trading partners, each with the OAuth client it sends as (the demo one unless disabled). */
    readonly demoTradingPartners: readonly DemoTradingPartner[];
    /** How often enqueued 856/810 documents are built (and failed ones retried). */
    readonly outboundIntervalMs: number;
  };
  abstract readonly webhooks: WebhooksConfig;
  abstract readonly rateLimits: RateLimitConfig;
}

export interface AvailabilityCacheConfig {
  /**
   * An answer is served from the cache for at most this long after it was read from the process
   * layer (stock changes drop it sooner); 0 turns the cache off.
   */
  readonly maxAgeMs: number;
  /** Answers kept at most (sku, unit, ship-to); the least recently read goes first. */
  readonly maxEntries: number;
}

export const defaultAvailabilityCacheConfig: AvailabilityCacheConfig = { maxAgeMs: 2_000, maxEntries: 10_000 };

/** The documents a trading partner may want besides the 997: 855 acknowledgment, 856 ship notice, 810 invoice, 180 return authorization and notification. */
export type OutboundDocumentType = '855' | '856' | '810' | '180';

/** An X12 trading partner as configured: its ids, ours, separators, the documents it wants. */
export interface TradingPartnerConfig {
  readonly tradingPartnerId: string;
  readonly name: string;
  /** The ERP customer its orders are for. */
  readonly customerId: string;
  readonly isaQualifier: string;
  readonly isaId: string;
  readonly gsId: string;
  readonly ourIsaQualifier: string;
  readonly ourIsaId: string;
  readonly ourGsId: string;
  readonly separators: { readonly element: string; readonly component: string; readonly segment: string; readonly repetition: string };
  readonly usage: 'T' | 'P';
  readonly outboundDocuments: readonly OutboundDocumentType[];
  /** The buyer's part numbers (PO1 BP) and our SKU for each. */
  readonly buyerPartNumbers: Readonly<Record<string, string>>;
}

export interface DemoTradingPartner extends TradingPartnerConfig {
  /** The OAuth client (client credentials) the trading partner or its VAN sends interchanges with. */
  readonly client: DemoPartner;
}

export interface WebhooksConfig {
  /** Development only: lets subscriptions point at loopback, private and link-local addresses, over plain http. */
  readonly allowPrivateUrls: boolean;
  /** How often the delivery worker looks for due deliveries. */
  readonly pollIntervalMs: number;
  /** Deadline of one delivery attempt (connect, send, answer). */
  readonly timeoutMs: number;
  /** Attempts before a delivery is marked failed (a redeliver starts a fresh series). */
  readonly maxAttempts: number;
  /** Backoff between attempts: doubling from the base up to the max, with jitter. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Deliveries in flight at once per instance, so one slow receiver holds only one of them. */
  readonly concurrency: number;
  /** How long finished deliveries stay in the delivery log. */
  readonly logRetentionDays: number;
}

export const defaultWebhooksConfig: WebhooksConfig = {
  allowPrivateUrls: false,
  pollIntervalMs: 1_000,
  timeoutMs: 10_000,
  maxAttempts: 12,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
  concurrency: 16,
  logRetentionDays: 30,
};

export const defaultRateLimitConfig: RateLimitConfig = {
  enabled: true,
  store: 'memory',
  defaults: { reads: { perSecond: 20, burst: 40 }, writes: { perSecond: 5, burst: 10 }, token: { perSecond: 1, burst: 10 } },
  tokenFailures: { max: 10, windowSeconds: 300 },
};

const perSecond = (fallback: number) => z.coerce.number().positive().max(1_000_000).default(fallback);

export function experienceConfigFromEnv(env: NodeJS.ProcessEnv): ExperienceApisConfig {
  const parsed = readEnv(
    z
      .object({
        EXPERIENCE_HOST: host(),
        EXPERIENCE_PORT: port(3000),
        LOG_LEVEL: logLevel,
        BODY_LIMIT_BYTES: positiveInt(262_144),
        TRUST_PROXY: z.string().min(1).optional(),
        REQUEST_TIMEOUT_MS: positiveInt(DEFAULT_REQUEST_TIMEOUT_MS),
        TOKEN_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
        TOKEN_TTL_SECONDS: positiveInt(3600).pipe(z.number().max(MAX_TOKEN_TTL_SECONDS, `must be at most ${MAX_TOKEN_TTL_SECONDS}`)),
        SERVICE_TOKEN_KEYS: serviceTokenKeysEnv,
        OPS_CLIENT_SECRET: z.string().min(8).default('ops-demo-secret'),
        TOKEN_ISSUER: z.string().min(1).default('distribution-gateway'),
        IDEMPOTENCY_RETENTION_HOURS: positiveInt(24),
        IDEMPOTENCY_IN_FLIGHT_TIMEOUT_MS: positiveInt(60_000),
        B2B_V1_DEPRECATED_AT: z.string().datetime({ offset: true }).default(DEFAULT_B2B_VERSION_POLICY.v1DeprecatedAt.toISOString()),
        B2B_V1_SUNSET_AT: z.string().datetime({ offset: true }).default(DEFAULT_B2B_VERSION_POLICY.v1SunsetAt.toISOString()),
        B2B_V2_MIGRATION_GUIDE_URL: z.string().min(1).default(DEFAULT_B2B_VERSION_POLICY.migrationGuideUrl),
        B2B_AVAILABILITY_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(defaultAvailabilityCacheConfig.maxAgeMs),
        B2B_AVAILABILITY_CACHE_ENTRIES: positiveInt(defaultAvailabilityCacheConfig.maxEntries),
        SEED_DEMO_PARTNERS: z.enum(['true', 'false']).default('true'),
        ACME_CLIENT_SECRET: z.string().min(8).default('acme-demo-secret'),
        GLOBEX_CLIENT_SECRET: z.string().min(8).default('globex-demo-secret'),
        CRM_CLIENT_SECRET: z.string().min(8).default('crm-demo-secret'),
        CHANNEL_EVENTS_TOKEN: channelEventsToken,
        METRICS_TOKEN: metricsToken,
        METRICS_ENABLED: metricsEnabled,
        UMBRELLA_EDI_CLIENT_SECRET: z.string().min(8).default('umbrella-edi-demo-secret'),
        EDI_OUTBOUND_INTERVAL_MS: positiveInt(1000),
        WEBHOOKS_ALLOW_PRIVATE_URLS: z.enum(['true', 'false']).default('false'),
        WEBHOOKS_POLL_INTERVAL_MS: positiveInt(defaultWebhooksConfig.pollIntervalMs),
        WEBHOOKS_TIMEOUT_MS: positiveInt(defaultWebhooksConfig.timeoutMs),
        WEBHOOKS_MAX_ATTEMPTS: positiveInt(defaultWebhooksConfig.maxAttempts),
        WEBHOOKS_RETRY_BASE_MS: positiveInt(defaultWebhooksConfig.retryBaseMs),
        WEBHOOKS_RETRY_MAX_MS: positiveInt(defaultWebhooksConfig.retryMaxMs),
        WEBHOOKS_CONCURRENCY: positiveInt(defaultWebhooksConfig.concurrency),
        WEBHOOKS_LOG_RETENTION_DAYS: positiveInt(defaultWebhooksConfig.logRetentionDays),
        RATE_LIMIT_ENABLED: z.enum(['true', 'false']).default('true'),
        RATE_LIMIT_STORE: z.enum(['memory', 'postgres']).optional(),
        RATE_LIMIT_READS_PER_SECOND: perSecond(defaultRateLimitConfig.defaults.reads.perSecond),
        RATE_LIMIT_READS_BURST: positiveInt(defaultRateLimitConfig.defaults.reads.burst),
        RATE_LIMIT_WRITES_PER_SECOND: perSecond(defaultRateLimitConfig.defaults.writes.perSecond),
        RATE_LIMIT_WRITES_BURST: positiveInt(defaultRateLimitConfig.defaults.writes.burst),
        RATE_LIMIT_TOKEN_PER_SECOND: perSecond(defaultRateLimitConfig.defaults.token.perSecond),
        RATE_LIMIT_TOKEN_BURST: positiveInt(defaultRateLimitConfig.defaults.token.burst),
        TOKEN_FAILURES_MAX: positiveInt(defaultRateLimitConfig.tokenFailures.max),
        TOKEN_FAILURES_WINDOW_SECONDS: positiveInt(defaultRateLimitConfig.tokenFailures.windowSeconds),
        ...breakerEnv,
      })
      .refine((c) => Date.parse(c.B2B_V1_SUNSET_AT) > Date.parse(c.B2B_V1_DEPRECATED_AT), {
        path: ['B2B_V1_SUNSET_AT'],
        message: 'must be after B2B_V1_DEPRECATED_AT',
      }),
    env,
  );
  const database = databaseConfigFrom(env, 'experience', 'EXPERIENCE_DB_SCHEMA');
  return {
    host: parsed.EXPERIENCE_HOST,
    port: parsed.EXPERIENCE_PORT,
    logLevel: parsed.LOG_LEVEL,
    metricsToken: parsed.METRICS_TOKEN,
    metricsEnabled: parsed.METRICS_ENABLED,
    processUrl: appUrl(env, 'PROCESS'),
    database,
    breaker: breakerOptionsFrom(parsed),
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    requestTimeoutMs: parsed.REQUEST_TIMEOUT_MS,
    serviceKeys: parseServiceKeys(parsed.SERVICE_TOKEN_KEYS),
    trustProxy: trustProxyFrom(parsed.TRUST_PROXY),
    auth: { keyEncryptionSecret: parsed.TOKEN_SIGNING_SECRET, tokenTtlSeconds: parsed.TOKEN_TTL_SECONDS, issuer: parsed.TOKEN_ISSUER },
    idempotency: { retentionHours: parsed.IDEMPOTENCY_RETENTION_HOURS, inFlightTimeoutMs: parsed.IDEMPOTENCY_IN_FLIGHT_TIMEOUT_MS },
    b2bVersions: {
      v1DeprecatedAt: new Date(parsed.B2B_V1_DEPRECATED_AT),
      v1SunsetAt: new Date(parsed.B2B_V1_SUNSET_AT),
      migrationGuideUrl: parsed.B2B_V2_MIGRATION_GUIDE_URL,
    },
    b2bAvailabilityCache: { maxAgeMs: parsed.B2B_AVAILABILITY_CACHE_MS, maxEntries: parsed.B2B_AVAILABILITY_CACHE_ENTRIES },
    channelEventsToken: parsed.CHANNEL_EVENTS_TOKEN,
    demoPartners:
      parsed.SEED_DEMO_PARTNERS === 'true'
        ? demoPartners(parsed.ACME_CLIENT_SECRET, parsed.GLOBEX_CLIENT_SECRET, parsed.CRM_CLIENT_SECRET, parsed.OPS_CLIENT_SECRET)
        : [],
    edi: {
      demoTradingPartners: parsed.SEED_DEMO_PARTNERS === 'true' ? demoTradingPartners(parsed.UMBRELLA_EDI_CLIENT_SECRET) : [],
      outboundIntervalMs: parsed.EDI_OUTBOUND_INTERVAL_MS,
    },
    webhooks: {
      allowPrivateUrls: parsed.WEBHOOKS_ALLOW_PRIVATE_URLS === 'true',
      pollIntervalMs: parsed.WEBHOOKS_POLL_INTERVAL_MS,
      timeoutMs: parsed.WEBHOOKS_TIMEOUT_MS,
      maxAttempts: parsed.WEBHOOKS_MAX_ATTEMPTS,
      retryBaseMs: parsed.WEBHOOKS_RETRY_BASE_MS,
      retryMaxMs: parsed.WEBHOOKS_RETRY_MAX_MS,
      concurrency: parsed.WEBHOOKS_CONCURRENCY,
      logRetentionDays: parsed.WEBHOOKS_LOG_RETENTION_DAYS,
    },
    rateLimits: {
      enabled: parsed.RATE_LIMIT_ENABLED === 'true',
      // distributed (PostgreSQL) shares the buckets between instances; embedded keeps them in memory
      store: parsed.RATE_LIMIT_STORE ?? (database.url ? 'postgres' : 'memory'),
      defaults: {
        reads: { perSecond: parsed.RATE_LIMIT_READS_PER_SECOND, burst: parsed.RATE_LIMIT_READS_BURST },
        writes: { perSecond: parsed.RATE_LIMIT_WRITES_PER_SECOND, burst: parsed.RATE_LIMIT_WRITES_BURST },
        token: { perSecond: parsed.RATE_LIMIT_TOKEN_PER_SECOND, burst: parsed.RATE_LIMIT_TOKEN_BURST },
      },
      tokenFailures: { max: parsed.TOKEN_FAILURES_MAX, windowSeconds: parsed.TOKEN_FAILURES_WINDOW_SECONDS },
    },
  };
}

/** `true` (any proxy) or a comma-separated list of proxy addresses and CIDR ranges (Fastify's trustProxy). */
function trustProxyFrom(value: string | undefined): boolean | string[] | undefined {
  if (value === undefined || value === 'false') return undefined;
  if (value === 'true') return true;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export function demoPartners(
  acmeSecret = 'acme-demo-secret',
  globexSecret = 'globex-demo-secret',
  crmSecret = 'crm-demo-secret',
  opsSecret = 'ops-demo-secret',
): DemoPartner[] {
  return [
    // ACME integrates at volume: a larger read and write allowance than the defaults (stored with the client)
    {
      partnerId: 'acme',
      name: 'ACME Industrial Supply',
      customerId: '10100001',
      secret: acmeSecret,
      rateLimits: { reads: { perSecond: 50, burst: 100 }, writes: { perSecond: 10, burst: 20 } },
    },
    { partnerId: 'globex', name: 'Globex Maintenance', customerId: '10100002', secret: globexSecret },
    { partnerId: 'crm', name: 'CRM (demo)', secret: crmSecret, kind: 'crm' },
    { partnerId: 'ops', name: 'Operations (demo)', secret: opsSecret, kind: 'operator' },
  ];
}

/** Umbrella Maintenance (ERP customer 10100004) orders by EDI through its own client `umbrella-edi`. */
export function demoTradingPartners(clientSecret = 'umbrella-edi-demo-secret'): DemoTradingPartner[] {
  return [
    {
      tradingPartnerId: 'umbrella-edi',
      name: 'Umbrella Maintenance Co. (X12)',
      customerId: '10100004',
      client: { partnerId: 'umbrella-edi', name: 'Umbrella Maintenance Co. (EDI)', customerId: '10100004', secret: clientSecret },
      isaQualifier: 'ZZ',
      isaId: 'UMBRELLAMAINT',
      gsId: 'UMBRELLAMAINT',
      ourIsaQualifier: 'ZZ',
      ourIsaId: 'DISTGATEWAY',
      ourGsId: 'DISTGATEWAY',
      separators: { element: '*', component: '>', segment: '~', repetition: '^' },
      usage: 'T',
      outboundDocuments: ['855', '856', '810'],
      buyerPartNumbers: { 'UMB-TOWEL-01': 'SKU-1020', 'UMB-DEGR-05': 'SKU-1021' },
    },
  ];
}
