import { isAxiosError } from 'axios';
import { AppError, ConflictError, NotFoundError, UnprocessableError, UpstreamUnavailableError } from '@platform';

export type NativeMessage = (body: unknown) => string | undefined;

/** The breaker's error filter: answers that are the caller's fault never open it. */
export function isCallerError(error: unknown): boolean {
  return error instanceof AppError && error.status < 500;
}

/**
 * Native failure -> AppError. 404 -> NotFoundError with the caller's stable code, 409 -> ConflictError,
 * 400/422 -> 422 with the native message; 5xx, socket errors and timeouts -> 503 with Retry-After.
 * Any other 4xx (401, 403) means our credentials or request are wrong, which is our fault: 502.
 */
export function nativeFailure(backend: string, error: unknown, nativeMessage: NativeMessage, notFoundCode?: string): unknown {
  if (error instanceof AppError || !isAxiosError(error)) return error;
  const prefix = backend.toUpperCase();
  const { response } = error;
  if (!response) return new UpstreamUnavailableError(backend, isTimeout(error.code) ? 'timeout' : 'unreachable', 1, error);
  const detail = nativeMessage(response.data) ?? `${backend} answered ${response.status}`;
  if (response.status === 404) return new NotFoundError(notFoundCode ?? `${prefix}.NOT_FOUND`, detail);
  if (response.status === 409) return new ConflictError(`${prefix}.CONFLICT`, detail);
  if (response.status === 400 || response.status === 422) return new UnprocessableError(`${prefix}.REJECTED`, detail);
  if (response.status >= 500) return new UpstreamUnavailableError(backend, 'unreachable', 1, error);
  return new AppError(`${prefix}.BAD_GATEWAY`, 502, 'Bad gateway', { detail, cause: error });
}

/** A native answer the mapper cannot make sense of: the backend broke its contract. */
export function unmappable(backend: string, detail: string): AppError {
  return new AppError(`${backend.toUpperCase()}.UNMAPPABLE_RESPONSE`, 502, 'Bad gateway', { detail });
}

function isTimeout(code: string | undefined): boolean {
  return code === 'ECONNABORTED' || code === 'ETIMEDOUT';
}
