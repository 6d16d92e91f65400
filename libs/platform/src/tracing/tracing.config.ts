import { hostname } from 'node:os';
import { z } from 'zod';
import { booleanFlag, readEnv } from '../config/env.js';

export interface TracingConfig {
  /** `service.name` of every span this process exports (one tracer provider per process). */
  readonly serviceName: string;
  /** Names this process in logs and spans (`service.instance.id`). */
  readonly instanceId: string;
  /** OTLP/HTTP collector base URL (`/v1/traces` is appended); no export when absent. */
  readonly otlpEndpoint?: string;
  /**
   * OTEL_SDK_DISABLED=true: no tracer provider, so no spans, no trace ids in logs, and a caller's
   * traceparent is neither continued nor answered (correlation ids still are). Tracing is on when absent.
   */
  readonly disabled?: boolean;
}

/**
 * OTEL_EXPORTER_OTLP_ENDPOINT turns export on, OTEL_SERVICE_NAME overrides the app's name,
 * INSTANCE_ID names the instance (host-pid by default), OTEL_SDK_DISABLED=true turns tracing off
 * (OpenTelemetry's own switch; here only `true` or `false`, not any other spelling).
 */
export function tracingConfigFromEnv(env: NodeJS.ProcessEnv, app: string): TracingConfig {
  const parsed = readEnv(
    z.object({
      OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
      OTEL_SERVICE_NAME: z.string().min(1).max(100).optional(),
      OTEL_SDK_DISABLED: booleanFlag(false),
      INSTANCE_ID: z
        .string()
        .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'letters, digits and . _ : - (at most 100)')
        .optional(),
    }),
    env,
  );
  return {
    serviceName: parsed.OTEL_SERVICE_NAME ?? app,
    instanceId: parsed.INSTANCE_ID ?? defaultInstanceId(),
    otlpEndpoint: parsed.OTEL_EXPORTER_OTLP_ENDPOINT,
    disabled: parsed.OTEL_SDK_DISABLED,
  };
}

export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}`;
}
