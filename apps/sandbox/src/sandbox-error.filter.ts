import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { nativeErrorBody, SandboxError } from './sandbox.error.js';
import { systemOfUrl } from './sandbox.systems.js';

/** Renders every error, Nest's own 404s and validation failures included, in the native shape of the addressed system. */
@Catch()
export class SandboxErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Sandbox');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body } = renderError(exception, request.url, this.logger);
    void reply.status(status).send(body);
  }
}

export function renderError(exception: unknown, url: string, logger: Logger): { status: number; body: object } {
  const system = systemOfUrl(url);
  if (exception instanceof SandboxError) {
    return { status: exception.getStatus(), body: nativeErrorBody(system, exception.getStatus(), exception.message, exception.code, exception.details) };
  }
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : (messageOf(response) ?? exception.message);
    return { status: exception.getStatus(), body: nativeErrorBody(system, exception.getStatus(), message) };
  }
  // Fastify's own errors (malformed JSON, body too large) carry a statusCode.
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, body: nativeErrorBody(system, statusCode, (exception as Error).message) };
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { status: 500, body: nativeErrorBody(system, 500, 'Internal error') };
}

function messageOf(response: object): string | undefined {
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}
