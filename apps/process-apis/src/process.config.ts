import {
  appUrl,
  breakerEnv,
  channelEventsToken,
  metricsEnabled,
  metricsToken,
  breakerOptionsFrom,
  databaseConfigFrom,
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
import { BILLING_RUN_AT } from './billing/billing-run/billing-schedule.js';
import { messagingConfigFromEnv, type MessagingConfig } from './messaging/messaging.config.js';
import { reconciliationConfigFromEnv, type ReconciliationConfig } from './reconciliation/reconciliation.config.js';

/** Typed configuration of the process layer; provided as a value, read once at start-up. */
export abstract class ProcessApisConfig {
  abstract readonly host: string;
  abstract readonly port: number;
  abstract readonly logLevel: LogLevel;
  /** Bearer token a scrape of GET /metrics must carry (METRICS_TOKEN); /metrics is open without it. */
  abstract readonly metricsToken?: string;
  /** METRICS_ENABLED: false records no HTTP metrics and removes GET /metrics (404); on when absent. */
  abstract readonly metricsEnabled?: boolean;
  abstract readonly systemUrl: string;
  abstract readonly database: DatabaseConfig;
  abstract readonly breaker: BreakerOptions;
  /** How often the item catalog is re-read from the ERP. */
  abstract readonly catalogRefreshMs: number;
  /** A request still marked in flight after this long is taken to have died and may be retried. */
  abstract readonly inFlightTimeoutMs: number;
  /** How often the ATP projection is rebuilt in full from the WMS and the ERP (events keep it current in between). */
  abstract readonly atpRefreshMs: number;
  /** How often expired stock holds (quotes) are given back. */
  abstract readonly holdSweepMs: number;
  /** Most of a SKU's available stock one partner's quote holds may take, in (0, 1]; DEFAULT_QUOTE_HOLD_MAX_SHARE when absent. */
  abstract readonly quoteHoldMaxShare?: number;
  /** How often pending invoices are issued in the ERP (payments are followed every tenth pass). */
  abstract readonly invoiceIssueMs?: number;
  /** How often returns not yet registered in the ERP and WMS, or received and not yet credited, are tried again; 5 s when absent. */
  abstract readonly returnsSyncMs?: number;
  /** How often the customers of orders on credit hold are read again from the ERP, to release them once the block is lifted. */
  abstract readonly creditRecheckMs?: number;
  /** When (UTC `HH:MM`) the daily billing run closes the previous days' invoices; 00:05 when absent. */
  abstract readonly billingRunAt?: string;
  /** Event bus, outbox relay and consumer retries; the in-process bus with defaults when absent. */
  abstract readonly messaging?: MessagingConfig;
  /** Where channel events (order, shipment, backorder, invoice) go; none are forwarded when absent. */
  abstract readonly channelEvents?: { readonly experienceUrl: string; readonly token: string };
  abstract readonly security: ProcessSecurityConfig;
  /** Reconciliation with the backends: schedule (off when absent), thresholds; defaultReconciliationConfig when absent. */
  abstract readonly reconciliation?: ReconciliationConfig;
}

export interface ProcessSecurityConfig {
  /** Service-token keys: verifies the experience and system layers' calls, signs this layer's calls to the system and experience layers. */
  readonly serviceKeys: ServiceKeySet;
  /** Operator tokens (scope `ops`) are issued by the experience layer: verified against its JWKS, and introspected there for revocation. */
  readonly operators: { readonly experienceUrl: string; readonly jwksUrl: string; readonly issuer: string };
}

/** Half of what is available: one partner's quotes cannot hold a SKU away from every other partner. */
export const DEFAULT_QUOTE_HOLD_MAX_SHARE = 0.5;

export function processConfigFromEnv(env: NodeJS.ProcessEnv): ProcessApisConfig {
  const parsed = readEnv(
    z
      .object({
        PROCESS_HOST: host(),
        PROCESS_PORT: port(3001),
        LOG_LEVEL: logLevel,
        CATALOG_REFRESH_MS: positiveInt(300_000),
        IN_FLIGHT_TIMEOUT_MS: positiveInt(60_000),
        ATP_REFRESH_MS: positiveInt(60_000),
        HOLD_SWEEP_MS: positiveInt(5_000),
        QUOTE_HOLD_MAX_SHARE: z.coerce.number().gt(0).max(1).default(DEFAULT_QUOTE_HOLD_MAX_SHARE),
        INVOICE_ISSUE_MS: positiveInt(1_000),
        CREDIT_RECHECK_MS: positiveInt(30_000),
        RETURNS_SYNC_MS: positiveInt(5_000),
        BILLING_RUN_AT: z.string().regex(BILLING_RUN_AT, 'must be HH:MM (UTC)').default('00:05'),
        CHANNEL_EVENTS_TOKEN: channelEventsToken,
        METRICS_TOKEN: metricsToken,
        METRICS_ENABLED: metricsEnabled,
        SERVICE_TOKEN_KEYS: serviceTokenKeysEnv,
        OPERATOR_JWKS_URL: z.string().url().optional(),
        TOKEN_ISSUER: z.string().min(1).default('distribution-gateway'),
        ...breakerEnv,
      })
      .superRefine((values, ctx) => {
        // an attempt's ERP create must end before a retry may take the order over (place-order.service.ts)
        if (values.IN_FLIGHT_TIMEOUT_MS <= values.BREAKER_TIMEOUT_MS)
          ctx.addIssue({
            code: 'custom',
            path: ['IN_FLIGHT_TIMEOUT_MS'],
            message: `must exceed BREAKER_TIMEOUT_MS (${values.BREAKER_TIMEOUT_MS}), the longest an ERP create may take`,
          });
      }),
    env,
  );
  return {
    host: parsed.PROCESS_HOST,
    port: parsed.PROCESS_PORT,
    logLevel: parsed.LOG_LEVEL,
    metricsToken: parsed.METRICS_TOKEN,
    metricsEnabled: parsed.METRICS_ENABLED,
    systemUrl: appUrl(env, 'SYSTEM'),
    database: databaseConfigFrom(env, 'process', 'PROCESS_DB_SCHEMA'),
    breaker: breakerOptionsFrom(parsed),
    catalogRefreshMs: parsed.CATALOG_REFRESH_MS,
    inFlightTimeoutMs: parsed.IN_FLIGHT_TIMEOUT_MS,
    atpRefreshMs: parsed.ATP_REFRESH_MS,
    holdSweepMs: parsed.HOLD_SWEEP_MS,
    quoteHoldMaxShare: parsed.QUOTE_HOLD_MAX_SHARE,
    invoiceIssueMs: parsed.INVOICE_ISSUE_MS,
    creditRecheckMs: parsed.CREDIT_RECHECK_MS,
    returnsSyncMs: parsed.RETURNS_SYNC_MS,
    billingRunAt: parsed.BILLING_RUN_AT,
    messaging: messagingConfigFromEnv(env),
    reconciliation: reconciliationConfigFromEnv(env),
    channelEvents: parsed.CHANNEL_EVENTS_TOKEN ? { experienceUrl: appUrl(env, 'EXPERIENCE'), token: parsed.CHANNEL_EVENTS_TOKEN } : undefined,
    security: {
      serviceKeys: parseServiceKeys(parsed.SERVICE_TOKEN_KEYS),
      operators: operatorAuthAt(appUrl(env, 'EXPERIENCE'), parsed.TOKEN_ISSUER, parsed.OPERATOR_JWKS_URL),
    },
  };
}

/** Operator tokens come from the experience layer at `experienceUrl`: its JWKS and its introspection endpoint. */
export function operatorAuthAt(experienceUrl: string, issuer = 'distribution-gateway', jwksUrl?: string): ProcessSecurityConfig['operators'] {
  const base = experienceUrl.replace(/\/+$/, '');
  return { experienceUrl: base, jwksUrl: jwksUrl ?? `${base}/.well-known/jwks.json`, issuer };
}
