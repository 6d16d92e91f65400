import {
  appUrl,
  breakerEnv,
  breakerOptionsFrom,
  host,
  logLevel,
  metricsEnabled,
  metricsToken,
  parseServiceKeys,
  port,
  positiveInt,
  readEnv,
  serviceTokenKeysEnv,
  type BreakerOptions,
  type LogLevel,
  type ServiceKeySet,
} from '@platform';
import { z } from 'zod';

/** Typed configuration of the system layer; also the DI token adapters inject it by. */
export abstract class SystemApisConfig {
  abstract readonly host: string;
  abstract readonly port: number;
  abstract readonly logLevel: LogLevel;
  /** Bearer token a scrape of GET /metrics must carry (METRICS_TOKEN); /metrics is open without it. */
  abstract readonly metricsToken?: string;
  /** METRICS_ENABLED: false records no HTTP metrics and removes GET /metrics (404); on when absent. */
  abstract readonly metricsEnabled?: boolean;
  abstract readonly erp: { readonly baseUrl: string; readonly user: string; readonly password: string };
  abstract readonly wms: { readonly baseUrl: string; readonly apiKey: string };
  abstract readonly oms: { readonly baseUrl: string; readonly token: string };
  /** Base URL of the process layer, which receives the canonical events. */
  abstract readonly processUrl: string;
  /** One breaker per backend (`erp`, `wms`, `oms`) is built from these options. */
  abstract readonly breaker: BreakerOptions;
  /** Socket deadline of one native HTTP call. */
  abstract readonly vendorTimeoutMs: number;
  /** Service-token keys: verifies the process layer's calls, signs the events this layer posts to it. */
  abstract readonly serviceKeys: ServiceKeySet;
  /** Shared secret the WMS signs its webhook calls with (HMAC-SHA256 over `<timestamp>.<body>`). */
  abstract readonly wmsWebhookSecret: string;
}

const url = z.string().url();
const secret = (fallback: string) => z.string().min(1).default(fallback);

const schema = z.object({
  SYSTEM_HOST: host(),
  SYSTEM_PORT: port(3002),
  LOG_LEVEL: logLevel,
  METRICS_TOKEN: metricsToken,
  METRICS_ENABLED: metricsEnabled,
  ERP_BASE_URL: url.optional(),
  ERP_USER: secret('GATEWAY'),
  ERP_PASSWORD: secret('sandbox-erp-secret'),
  WMS_BASE_URL: url.optional(),
  WMS_API_KEY: secret('sandbox-wms-key'),
  OMS_BASE_URL: url.optional(),
  OMS_TOKEN: secret('sandbox-oms-token'),
  BACKEND_TIMEOUT_MS: positiveInt(3_000),
  SERVICE_TOKEN_KEYS: serviceTokenKeysEnv,
  WMS_WEBHOOK_SECRET: z
    .string({ error: 'is required: the secret the WMS signs its webhook calls with (the embedded launcher sets the sandbox one)' })
    .min(16, 'must be at least 16 characters'),
  ...breakerEnv,
});

/** Reads and validates the environment once (empty counts as unset); each backend URL defaults to its path under SANDBOX_URL. */
export function systemConfigFromEnv(env: NodeJS.ProcessEnv): SystemApisConfig {
  const e = readEnv(schema, Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  const sandbox = appUrl(env, 'SANDBOX');
  return {
    host: e.SYSTEM_HOST,
    port: e.SYSTEM_PORT,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    metricsEnabled: e.METRICS_ENABLED,
    erp: { baseUrl: e.ERP_BASE_URL ?? `${sandbox}/sap/opu/odata/sap`, user: e.ERP_USER, password: e.ERP_PASSWORD },
    wms: { baseUrl: e.WMS_BASE_URL ?? `${sandbox}/wms/api`, apiKey: e.WMS_API_KEY },
    oms: { baseUrl: e.OMS_BASE_URL ?? `${sandbox}/oms/api/v2`, token: e.OMS_TOKEN },
    processUrl: appUrl(env, 'PROCESS'),
    // A backend call is bounded by BACKEND_TIMEOUT_MS, not by the layer-to-layer BREAKER_TIMEOUT_MS.
    breaker: { ...breakerOptionsFrom(e), timeoutMs: e.BACKEND_TIMEOUT_MS },
    vendorTimeoutMs: e.BACKEND_TIMEOUT_MS,
    serviceKeys: parseServiceKeys(e.SERVICE_TOKEN_KEYS),
    wmsWebhookSecret: e.WMS_WEBHOOK_SECRET,
  };
}
