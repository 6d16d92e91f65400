import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Database } from '@platform';
import { ExperienceApisConfig } from '../experience.config.js';
import { ClientLimitsRepository } from './client-limits.repository.js';
import { RateLimitInterceptor } from './rate-limit.interceptor.js';
import { MemoryRateLimitStore } from './stores/memory-rate-limit.store.js';
import { PostgresRateLimitStore } from './stores/postgres-rate-limit.store.js';
import { RateLimitStore } from './stores/rate-limit.store.js';
import { TokenFailuresInterceptor } from './token-failures.interceptor.js';

/**
 * Token buckets per client and class, applied to every route by a global interceptor. Exports the
 * store for the token endpoint's failure limiter (`TokenFailuresInterceptor`, used by auth).
 */
@Module({
  providers: [
    {
      provide: RateLimitStore,
      useFactory: (config: ExperienceApisConfig, db: Database) =>
        config.rateLimits.store === 'postgres' ? new PostgresRateLimitStore(db) : new MemoryRateLimitStore(),
      inject: [ExperienceApisConfig, Database],
    },
    ClientLimitsRepository,
    TokenFailuresInterceptor,
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
  ],
  exports: [RateLimitStore, TokenFailuresInterceptor],
})
export class RateLimitsModule {}
