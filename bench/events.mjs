// Events per second through outbox -> bus -> consumer (inbox + effect in one transaction),
// built from the process layer's own classes in dist/: embedded (PGlite + in-process bus),
// and PostgreSQL + NATS JetStream when BENCH_DATABASE_URL and BENCH_NATS_URL are set.
// `node bench/events.mjs` after `npm run build`; run.mjs calls benchEvents().
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const load = (p) => import(pathToFileURL(path.join(dist, p)).href);

export async function benchEvents({ events = Number(process.env.BENCH_EVENTS ?? 3000), databaseUrl, natsUrl } = {}) {
  if (!existsSync(path.join(dist, 'libs/platform/src/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const { openDatabase, migrate } = await load('libs/platform/src/index.js');
  const { processMigrations } = await load('apps/process-apis/src/infrastructure/migrations.js');
  const { OutboxRepository } = await load('apps/process-apis/src/messaging/outbox/outbox.repository.js');
  const { OutboxRelay } = await load('apps/process-apis/src/messaging/outbox/outbox-relay.service.js');
  const { ConsumerRunner } = await load('apps/process-apis/src/messaging/consumers/consumer-runner.js');
  const { DeadLetterRepository } = await load('apps/process-apis/src/messaging/dead-letters/dead-letter.repository.js');
  const { createEventBus } = await load('apps/process-apis/src/messaging/messaging.providers.js');
  const { defaultMessagingConfig } = await load('apps/process-apis/src/messaging/messaging.config.js');

  const run = randomUUID().slice(0, 8);
  const schema = `bench_events_${run}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gateway-bench-events-'));
  const db = await openDatabase({ url: databaseUrl, dataDir, schema });
  await migrate(db, processMigrations);
  const config = {
    ...defaultMessagingConfig,
    relayBatchSize: 200,
    bus: natsUrl
      ? { kind: 'nats', url: natsUrl, stream: `BENCH_${run.toUpperCase()}`, subjectPrefix: `bench.${run}`, duplicateWindowMs: 120_000, ackWaitMs: 30_000 }
      : { kind: 'in-process' },
  };
  const bus = await createEventBus(config);
  const outbox = new OutboxRepository(db);
  const runner = new ConsumerRunner(db, bus, new DeadLetterRepository(db), config);
  let applied = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  await runner.register('bench', async () => {
    if (++applied === events) done();
  });

  // the events are committed first (as use cases would), then the relay is timed draining them
  for (let i = 0; i < events; i += 500) {
    await db.transaction(async (tx) => {
      for (let k = i; k < Math.min(events, i + 500); k++) {
        await outbox.add(tx, { id: randomUUID(), type: 'bench.happened', version: 1, occurredAt: new Date().toISOString(), correlationId: `bench-${k}`, source: 'bench', subject: `bench/${k}`, data: { k } });
      }
    });
  }
  const relay = new OutboxRelay(db, bus, outbox, config);
  const started = performance.now();
  await relay.drain();
  await finished;
  const seconds = (performance.now() - started) / 1000;

  await runner.stop();
  await bus.close();
  await db.close();
  if (natsUrl) {
    const { connect } = await import('@nats-io/transport-node');
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const nc = await connect({ servers: natsUrl });
    await (await jetstreamManager(nc)).streams.delete(config.bus.stream).catch(() => undefined);
    await nc.close();
  }
  rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  return { events, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(events / seconds), mode: databaseUrl ? (natsUrl ? 'PostgreSQL + NATS JetStream' : 'PostgreSQL + in-process') : 'PGlite + in-process' };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await benchEvents({ databaseUrl: process.env.BENCH_DATABASE_URL, natsUrl: process.env.BENCH_NATS_URL });
  console.log(`outbox -> bus -> consumer, ${result.mode}: ${result.events} events in ${result.seconds} s = ${result.perSecond} events/s`);
  process.exit(0);
}
