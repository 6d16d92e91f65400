export interface FieldError {
  readonly field: string;
  readonly messages: string[];
}

export interface AppErrorOptions {
  readonly detail?: string;
  readonly cause?: unknown;
  readonly errors?: FieldError[];
  readonly retryAfterSeconds?: number;
  /** Extra members rendered into the problem document (RFC 9457 extension members). */
  readonly extensions?: Record<string, unknown>;
}

/**
 * The one error base class: a stable code (`ORDER.NOT_FOUND`), the HTTP status it maps to,
 * and a title. The global filter renders it as problem+json with the correlation id.
 */
export class AppError extends Error {
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly retryAfterSeconds?: number;
  readonly extensions?: Record<string, unknown>;

  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    options: AppErrorOptions = {},
  ) {
    super(options.detail ?? title, { cause: options.cause });
    this.name = new.target.name;
    this.detail = options.detail;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.extensions = options.extensions;
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, detail: string) {
    super(code, 404, 'Not found', { detail });
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields.', code = 'REQUEST.VALIDATION') {
    super(code, 400, 'Invalid request', { detail, errors });
  }
}

export class UnprocessableError extends AppError {
  constructor(code: string, detail: string, errors?: FieldError[]) {
    super(code, 422, 'Unprocessable request', { detail, errors });
  }
}

export class ConflictError extends AppError {
  constructor(code: string, detail: string) {
    super(code, 409, 'Conflict', { detail });
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'A valid bearer token is required.', code = 'AUTH.UNAUTHORIZED') {
    super(code, 401, 'Unauthorized', { detail });
  }
}
