import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type Logger as PinoLogger } from 'pino';
import { currentCorrelationId, currentLogger } from '../context/request-context.js';
import { activeTraceIds } from '../tracing/spans.js';
import { instanceId } from '../tracing/tracing.js';

export type LogLevel = Level | 'silent';

/**
 * One structured logger per app: every line names the app and the instance, and carries the
 * correlation id of its work and the trace and span ids of the active span.
 */
export function createAppLogger(app: string, level: LogLevel, destination?: DestinationStream): PinoLogger {
  const options = {
    level,
    base: { app },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return { instanceId: instanceId(), ...(correlationId ? { correlationId } : {}), ...activeTraceIds() };
    },
    redact: ['headers.authorization', 'headers.cookie'],
  };
  return destination ? pino(options, destination) : pino(options);
}

const outsideAnyApp = createAppLogger('gateway', 'info');

// Nest's start-up chatter (one line per module and route) is debug detail, not news.
const bootContexts = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * Nest's LoggerService over pino. It writes to the logger of the app whose work is running
 * (see runWithContext), so one process can host several apps with their own names and levels.
 * Accepts Nest's forms: log('text', context), log({ fields }, 'text', context), error('text', stack, context).
 */
export class ContextLogger implements LoggerService {
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = currentLogger() ?? outsideAnyApp;
    const rest = [...params];
    const context = rest.length && typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    if (level === 'info' && context && bootContexts.has(context)) level = 'debug';
    if (!logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      logger[level]({ ...fields, ...message }, typeof rest[0] === 'string' ? rest[0] : undefined);
    } else {
      // Nest passes an exception's stack as the second argument of error()
      if (typeof rest[0] === 'string' && rest[0].includes('\n    at ')) fields.stack = rest[0];
      logger[level](fields, String(message));
    }
  }
}
