import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { EventEnvelopeDto } from '@contracts';
import { Logger } from '@nestjs/common';
import { Database, type Queryable } from '@platform';
import { processMigrations } from '../../infrastructure/migrations.js';
import { InProcessEventBus } from '../adapters/in-process.event-bus.js';
import { ConsumerRunner } from '../consumers/consumer-runner.js';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository.js';
import type { EventBus } from '../event-bus.js';
import type { MessagingConfig } from '../messaging.config.js';
import { quickMessaging, testEvent } from '../testing/messaging.fixtures.js';
import { waitFor } from '../../../../../test/support/eventually.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { databaseKinds, openSharedSchema, openTestDatabase, type SharedTestSchema, type TestDatabase } from '../../../../../test/support/test-database.js';

const postgresUrl = process.env.DATABASE_URL;
Logger.overrideLogger(false); // the relay's warnings about the failures these tests cause

/** Dies (the statement fails, the transaction rolls back) when the relay marks a batch published, when told to. */
class CrashingDatabase extends Database {
  readonly kind: 'pglite' | 'postgres';
  crashes = 0;

  constructor(
    private readonly inner: Database,
    private readonly crashNow: () => boolean,
  ) {
    super();
    this.kind = inner.kind;
  }

  query<T>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.inner.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) =>
      work({
        exec: (sql) => tx.exec(sql),
        query: async <R>(sql: string, params?: unknown[]) => {
          if (/SET published_at/.test(sql) && this.crashNow()) {
            this.crashes++;
            throw new Error('relay killed after publishing, before marking sent');
          }
          return tx.query<R>(sql, params);
        },
      }),
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Counts what the relay hands to the bus. */
class CountingBus extends InProcessEventBus {
  readonly published: string[] = [];

  override async publish(envelope: EventEnvelopeDto): Promise<void> {
    this.published.push(envelope.id);
    await super.publish(envelope);
  }
}

describe.each(databaseKinds)('outbox and relay on %s', (_kind, url) => {
  let test: TestDatabase;
  let db: Database;
  let bus: CountingBus;
  let runner: ConsumerRunner;
  let outbox: OutboxRepository;
  let deliveries: string[];

  const config: MessagingConfig = quickMessaging;
  const effects = async () => (await db.query<{ event_id: string; n: number }>('SELECT event_id, n FROM test_effects ORDER BY seq')).map((r) => r.event_id);

  beforeAll(async () => {
    test = await openTestDatabase(url, 'outbox', processMigrations);
    db = test.db;
    // the consumer's effect: deliberately without a unique key, so a second effect would show
    await db.exec('CREATE TABLE test_effects (seq serial PRIMARY KEY, event_id uuid NOT NULL, n integer NOT NULL); CREATE TABLE test_state (n integer)');
  });
  afterAll(() => test.close());
  beforeEach(async () => {
    await db.exec('DELETE FROM outbox; DELETE FROM inbox; DELETE FROM test_effects; DELETE FROM test_state; DELETE FROM dead_letters;');
    bus = new CountingBus();
    outbox = new OutboxRepository(db);
    runner = new ConsumerRunner(db, bus, new DeadLetterRepository(db), config);
    deliveries = [];
    await runner.register('test-consumer', async (tx, event) => {
      deliveries.push(event.id);
      await tx.query('INSERT INTO test_effects (event_id, n) VALUES ($1, $2)', [event.id, (event.data as { n: number }).n]);
    });
  });

  const commit = async (events: EventEnvelopeDto[]) => {
    for (const event of events) {
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO test_state (n) VALUES ($1)', [(event.data as { n: number }).n]);
        await outbox.add(tx, event);
      });
    }
  };

  it('publishes only what committed with its state change, in order, and marks it published', async () => {
    const events = Array.from({ length: 5 }, (_, i) => testEvent(i));
    await commit(events);
    await expect(
      db.transaction(async (tx) => {
        await outbox.add(tx, testEvent(99));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    const relay = new OutboxRelay(db, bus, outbox, { ...config, relayBatchSize: 2 });
    expect(await relay.drain()).toBe(5);
    await waitFor(async () => (await effects()).length === 5, 5_000, 'five effects');
    expect(await effects()).toEqual(events.map((e) => e.id));
    expect(await outbox.unpublishedCount()).toBe(0);
    expect(await relay.drain()).toBe(0);
    await runner.stop();
  });

  it('keeps the order and the event when a publish fails, and publishes it on the next run', async () => {
    const events = Array.from({ length: 3 }, (_, i) => testEvent(i));
    await commit(events);
    let failOnce = true;
    const flaky = new (class extends CountingBus {
      override async publish(envelope: EventEnvelopeDto): Promise<void> {
        if (envelope.id === events[1].id && failOnce) {
          failOnce = false;
          throw new Error('bus unavailable');
        }
        await bus.publish(envelope);
      }
    })();
    const relay = new OutboxRelay(db, flaky as EventBus, outbox, config);
    expect(await relay.drain()).toBe(1);
    expect(await db.query('SELECT attempts, last_error FROM outbox WHERE event_id = $1', [events[1].id])).toEqual([
      { attempts: 1, last_error: 'bus unavailable' },
    ]);
    expect(await relay.drain()).toBe(2);
    await waitFor(async () => (await effects()).length === 3, 5_000, 'three effects');
    expect(await effects()).toEqual(events.map((e) => e.id));
    await runner.stop();
  });

  it('kill the relay between publishing and marking sent, many times: lost = 0, duplicates = 0', async () => {
    const events = Array.from({ length: 200 }, (_, i) => testEvent(i));
    await commit(events);
    // every third attempt to mark a batch sent dies (deterministic, so every run kills it as often)
    let marks = 0;
    const crashing = new CrashingDatabase(db, () => ++marks % 3 === 0);
    let restarts = 0;
    let runs = 0;
    while ((await outbox.unpublishedCount()) > 0) {
      // a fresh relay each time, as after a restart, with a batch size that varies the subset cut off
      const relay = new OutboxRelay(crashing, bus, new OutboxRepository(crashing), { ...config, relayBatchSize: 1 + ((runs++ * 7) % 15) });
      await relay.drain().catch(() => restarts++);
      expect(restarts).toBeLessThan(500);
    }
    await waitFor(async () => (await effects()).length >= 200, 20_000, 'every event applied');
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the republished copies arrive too

    const applied = await effects();
    const lost = events.filter((e) => !applied.includes(e.id)).length;
    const duplicates = applied.length - new Set(applied).size;
    const republished = bus.published.length - 200;
    console.log(
      `relay killed ${crashing.crashes} times: 200 events, ${bus.published.length} publications (${republished} again), lost = ${lost}, duplicates = ${duplicates}`,
    );
    expect(crashing.crashes).toBeGreaterThan(5);
    expect(republished).toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
    expect(applied).toHaveLength(200);
    await runner.stop();
  });

  it('the in-process bus forgets deliveries queued when the process stops; the next start delivers them, once', async () => {
    const before = testEvent(0);
    await commit([before]);
    await new OutboxRelay(db, bus, outbox, config).drain();
    await waitFor(async () => (await effects()).length === 1, 5_000, 'the first event applied');

    // the consumer's store is down: the next events wait on retry timers when the process stops
    await runner.stop();
    runner = new ConsumerRunner(db, bus, new DeadLetterRepository(db), { ...config, retryBaseMs: 60_000, retryMaxMs: 60_000 });
    await runner.register('test-consumer', async () => {
      throw new Error('store down');
    });
    const queued = Array.from({ length: 5 }, (_, i) => testEvent(i + 1));
    await commit(queued);
    await new OutboxRelay(db, bus, outbox, config).drain();
    expect(await outbox.unpublishedCount()).toBe(0);
    await runner.stop();
    await bus.close();

    // next start: a new bus, the consumer registers again
    const restarted = new InProcessEventBus();
    const again = new ConsumerRunner(db, restarted, new DeadLetterRepository(db), config);
    await again.register('test-consumer', async (tx, event) => {
      await tx.query('INSERT INTO test_effects (event_id, n) VALUES ($1, $2)', [event.id, (event.data as { n: number }).n]);
    });
    await waitFor(async () => (await effects()).length >= 6, 5_000, 'the queued events applied');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await effects()).toEqual([before, ...queued].map((e) => e.id));
    await again.stop();
    await restarted.close();
  });
});

(postgresUrl ? describe : describe.skip)('relays of two instances sharing one PostgreSQL', () => {
  const url = postgresUrl!;
  let shared: SharedTestSchema;
  let instances: Database[];

  beforeAll(async () => {
    shared = await openSharedSchema(url, 'outbox', processMigrations);
    instances = shared.instances;
  });
  afterAll(() => shared.close());

  it('never publish the same batch concurrently (FOR UPDATE SKIP LOCKED)', async () => {
    const outbox = new OutboxRepository(instances[0]);
    for (let i = 0; i < 300; i++) await instances[0].transaction((tx) => outbox.add(tx, testEvent(i)));
    const buses = [new CountingBus(), new CountingBus()];
    // a slow bus keeps each batch's rows locked a while, so the relays overlap
    for (const b of buses) {
      const publish = b.publish.bind(b);
      b.publish = async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        await publish(e);
      };
    }
    const relays = instances.map((db, i) => new OutboxRelay(db, buses[i], new OutboxRepository(db), { ...quickMessaging, relayBatchSize: 25 }));
    const counts = await Promise.all(relays.map((r) => r.drain()));
    const all = [...buses[0].published, ...buses[1].published];
    expect(counts[0] + counts[1]).toBe(300);
    expect(new Set(all).size).toBe(300);
    expect(all).toHaveLength(300);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });
});
