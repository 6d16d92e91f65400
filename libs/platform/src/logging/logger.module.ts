import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CORRELATION_HEADER, currentCorrelationId } from '../context/request-context.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Structured pino logs; every line carries the app name and the correlation id of its request. */
@Module({})
export class AppLoggerModule {
  static forRoot(app: string, level: LogLevel): DynamicModule {
    return {
      module: AppLoggerModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            name: app,
            base: { app },
            mixin: () => {
              const correlationId = currentCorrelationId();
              return correlationId ? { correlationId } : {};
            },
            genReqId: (req) => String(req.headers[CORRELATION_HEADER] ?? ''),
            customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers.authorization'],
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
