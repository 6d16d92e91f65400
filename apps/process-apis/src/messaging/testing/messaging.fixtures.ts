import { randomUUID } from 'node:crypto';
import type { EventEnvelopeDto } from '@contracts';
import type { MessagingConfig } from '../messaging.config.js';

/** Test support only (imported by specs): events, settings that retry quickly, schema clean-up. */
export function testEvent(n: number, type = 'test.happened', correlationId = `corr-${n}`): EventEnvelopeDto {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId,
    source: 'process-apis/test',
    subject: `test/${n}`,
    data: { n },
  };
}

export const quickMessaging: MessagingConfig = {
  bus: { kind: 'in-process' },
  relayIntervalMs: 60_000,
  relayBatchSize: 100,
  retryBaseMs: 5,
  retryMaxMs: 20,
  maxAttempts: 4,
  outageRetryMs: 60_000,
};
