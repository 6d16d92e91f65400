import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { MetricsRegistry } from '@platform';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { waitFor } from '../../../../test/support/eventually.js';
import { processMigrations } from '../infrastructure/migrations.js';
import { InProcessEventBus } from './adapters/in-process.event-bus.js';
import { ConsumerRunner } from './consumers/consumer-runner.js';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository.js';
import { MessagingMetrics } from './messaging.metrics.js';
import { OutboxRepository } from './outbox/outbox.repository.js';
import { quickMessaging, testEvent } from './testing/messaging.fixtures.js';

Logger.overrideLogger(false); // the runner's warnings about the failures this test causes

/** The value of one sample line of the text exposition (undefined when absent). */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe.each(databaseKinds)('messaging metrics on %s', (_kind, url) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase(url, 'messaging_metrics', processMigrations);
  });
  afterAll(() => test.close());

  it('counts deliveries by result and redeliveries, and reads the outbox and the open dead letters at scrape time', async () => {
    const { db } = test;
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    const bus = new InProcessEventBus();
    const outbox = new OutboxRepository(db);
    const deadLetters = new DeadLetterRepository(db);
    const runner = new ConsumerRunner(db, bus, deadLetters, quickMessaging, new MessagingMetrics(metrics, outbox, deadLetters, bus));
    await runner.register('works', async () => undefined);
    await runner.register('fails', async () => {
      throw new Error('never applies');
    });

    const event = testEvent(1);
    await bus.publish(event);
    await waitFor(async () => (await deadLetters.openCounts()).length === 1, 5_000, 'the dead letter');
    bus.redeliver('works', event); // the inbox has it: a duplicate
    await waitFor(async () => sample(await metrics.text(), 'consumer_deliveries_total{consumer="works",result="duplicate"}') === 1, 5_000, 'the duplicate');
    await db.transaction(async (tx) => {
      await outbox.add(tx, testEvent(2));
      await outbox.add(tx, testEvent(3));
    });

    const text = await metrics.text();
    expect(sample(text, 'consumer_deliveries_total{consumer="works",result="applied"}')).toBe(1);
    // quickMessaging: 4 attempts, the last one dead-letters the event
    expect(sample(text, 'consumer_deliveries_total{consumer="fails",result="retry"}')).toBe(3);
    expect(sample(text, 'consumer_deliveries_total{consumer="fails",result="dead_lettered"}')).toBe(1);
    expect(sample(text, 'consumer_redeliveries_total{consumer="fails"}')).toBe(3);
    expect(sample(text, 'dead_letters_open{consumer="fails"}')).toBe(1);
    expect(sample(text, 'dead_letters_open{consumer="works"}')).toBe(0);
    expect(sample(text, 'consumer_lag{consumer="works"}')).toBe(0);
    expect(sample(text, 'outbox_backlog')).toBe(2);
    expect(sample(text, 'outbox_backlog_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    await runner.stop();
    await bus.close();
  });
});
