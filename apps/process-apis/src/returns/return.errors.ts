import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '@platform';

export const returnNotFound = (returnId: string) => new NotFoundError('RETURN.NOT_FOUND', `No such return: ${returnId}.`);

export const orderNotFoundForReturn = (ref: string) => new NotFoundError('ORDER.NOT_FOUND', `No such order of yours: ${ref}.`);

export const returnKeyReused = () => new UnprocessableError('IDEMPOTENCY.KEY_REUSED', 'This idempotency key was already used for a different return request.');

export const returnKeyMissing = () =>
  new ValidationError(
    [{ field: 'Idempotency-Key', messages: ['the Idempotency-Key header is required'] }],
    'Idempotency-Key header missing',
    'IDEMPOTENCY.KEY_MISSING',
  );

export const returnNotInException = (returnId: string, status: string) =>
  new ConflictError('RETURN.NOT_IN_EXCEPTION', `Return ${returnId} is ${status}: only a return in exception (more received than authorized) is resolved.`);
