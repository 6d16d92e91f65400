import { AppError, FieldError } from './app-error.js';

/** A problem document as another layer of this gateway renders it. */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [member: string]: unknown;
}

/**
 * A downstream answered with an error. 4xx answers are the caller's fault and pass through
 * with their code, field errors and Retry-After (a 409 in flight, a 429); 5xx become 502 (or 503
 * when the downstream said so, which always tells when to retry).
 */
export class UpstreamError extends AppError {
  constructor(
    readonly upstream: string,
    readonly upstreamStatus: number,
    readonly problem: ProblemDocument | undefined,
    retryAfterSeconds?: number,
  ) {
    const passThrough = upstreamStatus < 500;
    const status = passThrough ? upstreamStatus : upstreamStatus === 503 ? 503 : 502;
    super(
      problem?.code ?? (passThrough ? 'UPSTREAM.REJECTED' : 'UPSTREAM.BAD_GATEWAY'),
      status,
      problem?.title ?? (passThrough ? 'Rejected by upstream' : 'Bad gateway'),
      {
        detail: problem?.detail ?? `${upstream} answered ${upstreamStatus}`,
        errors: problem?.errors,
        retryAfterSeconds: status === 503 ? (retryAfterSeconds ?? 5) : passThrough ? retryAfterSeconds : undefined,
        extensions: pickExtensions(problem),
      },
    );
  }
}

const standardMembers = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors', 'correlationId']);

function pickExtensions(problem: ProblemDocument | undefined): Record<string, unknown> | undefined {
  if (!problem) return undefined;
  const entries = Object.entries(problem).filter(([key]) => !standardMembers.has(key));
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** The downstream could not be reached, timed out, or its breaker is open. */
export class UpstreamUnavailableError extends AppError {
  constructor(upstream: string, reason: 'open' | 'timeout' | 'unreachable' | 'overloaded', retryAfterSeconds: number, cause?: unknown) {
    const detail = {
      open: `${upstream} is failing; its circuit breaker is open, so calls are refused until a probe succeeds.`,
      timeout: `${upstream} did not answer in time.`,
      unreachable: `${upstream} could not be reached.`,
      overloaded: `${upstream} has too many calls in flight.`,
    }[reason];
    super(reason === 'open' ? 'UPSTREAM.CIRCUIT_OPEN' : 'UPSTREAM.UNAVAILABLE', 503, 'Service unavailable', {
      detail,
      cause,
      retryAfterSeconds,
      extensions: { upstream },
    });
  }
}
