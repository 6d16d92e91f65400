import { randomUUID } from 'node:crypto';
import pg from 'pg';
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
};

export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
