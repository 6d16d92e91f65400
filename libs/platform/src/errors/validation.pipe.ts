import { ValidationError as ClassValidatorError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { FieldError, ValidationError } from './app-error.js';
import { assertStorableText } from './request-guards.js';

/** Flattens nested class-validator errors into `lines[0].quantity`-style field paths. */
export function flattenValidationErrors(errors: ClassValidatorError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The global pipe: text no database can store is refused first (400 naming the field), then the DTO's rules. */
class GatewayValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') assertStorableText(value);
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new GatewayValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationError(flattenValidationErrors(errors)),
  });
}
