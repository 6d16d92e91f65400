import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { SandboxError } from './sandbox.error.js';

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describe(error.children ?? [], path)];
  });
}

/** Validates bodies against the DTOs; the resulting 400 is rendered in the addressed system's native error shape. */
export function createSandboxValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    // Unknown fields are dropped rather than rejected: real payloads carry fields the sandbox ignores.
    whitelist: true,
    exceptionFactory: (errors) => new SandboxError(400, `Invalid request body: ${describe(errors).join('; ')}`),
  });
}
