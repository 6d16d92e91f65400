import { z } from 'zod';

/**
 * Reads and validates configuration once, at start-up. A bad value stops the app with a
 * message naming the variable; nothing else in the code base reads process.env.
 */
export function readEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const host = (fallback = '127.0.0.1') => z.string().min(1).default(fallback);
export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
export const optionalUrl = z.string().url().optional();
export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** Shared secret of the internal channel-events hop (process -> experience); optional: without it no events are forwarded. */
export const channelEventsToken = z.string().min(16, 'must be at least 16 characters').optional();

/** Bearer token Prometheus must send to GET /metrics (METRICS_TOKEN); optional: without it /metrics is open (keep it off the public network). */
export const metricsToken = z.string().min(16, 'must be at least 16 characters').optional();

/** A `true` / `false` switch; anything else (`yes`, `0`, `False `) is refused rather than guessed. */
export const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false'], { error: "must be 'true' or 'false'" })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');

/**
 * METRICS_ENABLED=false: the app records no HTTP metrics and has no GET /metrics (404), e.g. to
 * measure what the metrics cost (bench/run.mjs); on by default.
 */
export const metricsEnabled = booleanFlag(true);

export const breakerEnv = {
  BREAKER_TIMEOUT_MS: positiveInt(5_000),
  BREAKER_RESET_MS: positiveInt(10_000),
  BREAKER_ERROR_PERCENT: z.coerce.number().min(1).max(100).default(50),
  BREAKER_VOLUME: positiveInt(5),
  BREAKER_CAPACITY: positiveInt(200),
};

export function breakerOptionsFrom(env: { [K in keyof typeof breakerEnv]: number }) {
  return {
    timeoutMs: env.BREAKER_TIMEOUT_MS,
    resetTimeoutMs: env.BREAKER_RESET_MS,
    errorThresholdPercentage: env.BREAKER_ERROR_PERCENT,
    volumeThreshold: env.BREAKER_VOLUME,
    capacity: env.BREAKER_CAPACITY,
  };
}

/** DATABASE_URL selects PostgreSQL; otherwise PGlite files under DATA_DIR/<app>. */
export function databaseConfigFrom(env: NodeJS.ProcessEnv, app: string, schemaVariable: string) {
  const parsed = readEnv(
    z.object({
      DATABASE_URL: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
        .optional(),
      DATA_DIR: z.string().min(1).default('./data'),
      [schemaVariable]: z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _')
        .default(app.replace(/-/g, '_')),
    }),
    env,
  );
  return {
    url: parsed.DATABASE_URL,
    dataDir: `${parsed.DATA_DIR}/${app}`,
    schema: parsed[schemaVariable] as string,
  };
}

/** The default port of each app, the one place they are written down. */
export const DEFAULT_PORTS = { EXPERIENCE: 3000, PROCESS: 3001, SYSTEM: 3002, SANDBOX: 3003 } as const;
export type AppName = keyof typeof DEFAULT_PORTS;

/**
 * Where another app of the gateway answers: `<APP>_URL` when set, otherwise derived from
 * `<APP>_HOST` / `<APP>_PORT` as that app reads them (a wildcard host means loopback). So
 * moving an app to another port with `<APP>_PORT` alone moves every caller with it.
 */
export function appUrl(env: NodeJS.ProcessEnv, app: AppName): string {
  const parsed = readEnv(
    z.object({
      [`${app}_URL`]: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
      [`${app}_HOST`]: z.preprocess((v) => (v === '' ? undefined : v), host()),
      [`${app}_PORT`]: z.preprocess((v) => (v === '' ? undefined : v), port(DEFAULT_PORTS[app])),
    }),
    env,
  ) as Record<string, string | number | undefined>;
  const explicit = parsed[`${app}_URL`] as string | undefined;
  if (explicit) return explicit.replace(/\/+$/, '');
  const listen = parsed[`${app}_HOST`] as string;
  const reachable = ['0.0.0.0', '::', '[::]'].includes(listen) ? '127.0.0.1' : listen.includes(':') ? `[${listen}]` : listen;
  return `http://${reachable}:${parsed[`${app}_PORT`]}`;
}
