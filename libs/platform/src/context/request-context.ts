import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger as PinoLogger } from 'pino';

export const CORRELATION_HEADER = 'x-correlation-id';

export interface RequestContext {
  readonly correlationId?: string;
  /**
   * The logger of the app this work belongs to. Several apps share one process in the embedded
   * mode, and Nest's Logger is process-wide, so the app is found from the context.
   */
  readonly logger?: PinoLogger;
  /**
   * The OpenTelemetry context (the active span), carried by this same storage rather than a second
   * AsyncLocalStorage: each one adds work to every promise the process makes (see RequestContextManager).
   */
  readonly traceContext?: unknown;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with a context that every client call, event and log line below it picks up; unset fields are inherited. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

export function currentTraceContext(): unknown {
  return storage.getStore()?.traceContext;
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function currentLogger(): PinoLogger | undefined {
  return storage.getStore()?.logger;
}

/** A caller-supplied id is kept only if it is a sane token, so logs and headers can't be injected into. */
export function acceptOrCreateCorrelationId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : randomUUID();
}
