import {
  breakerEnv,
  channelEventsToken,
  breakerOptionsFrom,
  databaseConfigFrom,
  host,
  logLevel,
  port,
  positiveInt,
  readEnv,
  type BreakerOptions,
  type DatabaseConfig,
  type LogLevel,
} from '@platform';
import { z } from 'zod';
import { BILLING_RUN_AT } from './billing/billing-run/billing-schedule.js';
import { messagingConfigFromEnv, type MessagingConfig } from './messaging/messaging.config.js';

/** Typed configuration of the process layer; provided as a value, read once at start-up. */
export abstract class ProcessApisConfig {
  abstract readonly host: string;
  abstract readonly port: number;
  abstract readonly logLevel: LogLevel;
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
  /** How often pending invoices are issued in the ERP (payments are followed every tenth pass). */
  abstract readonly invoiceIssueMs?: number;
  /** How often the customers of orders on credit hold are read again from the ERP, to release them once the block is lifted. */
  abstract readonly creditRecheckMs?: number;
  /** When (UTC `HH:MM`) the daily billing run closes the previous days' invoices; 00:05 when absent. */
  abstract readonly billingRunAt?: string;
  /** Event bus, outbox relay and consumer retries; the in-process bus with defaults when absent. */
  abstract readonly messaging?: MessagingConfig;
  /** Where channel events (order, shipment, backorder, invoice) go; none are forwarded when absent. */
  abstract readonly channelEvents?: { readonly experienceUrl: string; readonly token: string };
}

export function processConfigFromEnv(env: NodeJS.ProcessEnv): ProcessApisConfig {
  const parsed = readEnv(
    z.object({
      PROCESS_HOST: host(),
      PROCESS_PORT: port(3001),
      SYSTEM_URL: z.string().url().default('http://127.0.0.1:3002'),
      LOG_LEVEL: logLevel,
      CATALOG_REFRESH_MS: positiveInt(300_000),
      IN_FLIGHT_TIMEOUT_MS: positiveInt(60_000),
      ATP_REFRESH_MS: positiveInt(60_000),
      HOLD_SWEEP_MS: positiveInt(5_000),
      INVOICE_ISSUE_MS: positiveInt(1_000),
      CREDIT_RECHECK_MS: positiveInt(30_000),
      BILLING_RUN_AT: z.string().regex(BILLING_RUN_AT, 'must be HH:MM (UTC)').default('00:05'),
      EXPERIENCE_URL: z.string().url().default('http://127.0.0.1:3000'),
      CHANNEL_EVENTS_TOKEN: channelEventsToken,
      ...breakerEnv,
    }),
    env,
  );
  return {
    host: parsed.PROCESS_HOST,
    port: parsed.PROCESS_PORT,
    logLevel: parsed.LOG_LEVEL,
    systemUrl: parsed.SYSTEM_URL,
    database: databaseConfigFrom(env, 'process', 'PROCESS_DB_SCHEMA'),
    breaker: breakerOptionsFrom(parsed),
    catalogRefreshMs: parsed.CATALOG_REFRESH_MS,
    inFlightTimeoutMs: parsed.IN_FLIGHT_TIMEOUT_MS,
    atpRefreshMs: parsed.ATP_REFRESH_MS,
    holdSweepMs: parsed.HOLD_SWEEP_MS,
    invoiceIssueMs: parsed.INVOICE_ISSUE_MS,
    creditRecheckMs: parsed.CREDIT_RECHECK_MS,
    billingRunAt: parsed.BILLING_RUN_AT,
    messaging: messagingConfigFromEnv(env),
    channelEvents: parsed.CHANNEL_EVENTS_TOKEN ? { experienceUrl: parsed.EXPERIENCE_URL, token: parsed.CHANNEL_EVENTS_TOKEN } : undefined,
  };
}
