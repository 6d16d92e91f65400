import { Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service.js';

/** Edge idempotency keys per partner; used by every channel whose writes take an Idempotency-Key. */
@Module({
  providers: [IdempotencyService],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
