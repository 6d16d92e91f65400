import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, currentCorrelationId } from '../context/request-context.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem.js';

/** The one place errors become responses: RFC 9457 problem+json, with Retry-After where it applies. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const correlationId = currentCorrelationId() ?? (request.headers[CORRELATION_HEADER] as string | undefined);
  const { problem, retryAfterSeconds } = toProblem(exception, request.url, correlationId);
  if (problem.status >= 500) {
    logger.error({ err: exception, code: problem.code, correlationId }, problem.detail);
  }
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  if (correlationId) void reply.header(CORRELATION_HEADER, correlationId);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
