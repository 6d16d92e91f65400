import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { EventEnvelopeDto } from '@contracts';
import { baseUrlOf, Database, defaultBreakerOptions, generateServiceKeys, parseServiceKeys } from '@platform';
import { startProcessApp } from '../../process.app.js';
import { operatorAuthAt, type ProcessApisConfig } from '../../process.config.js';
import { ConsumerRunner } from '../consumers/consumer-runner.js';
import type { EventBusConfig } from '../messaging.config.js';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { quickMessaging, testEvent } from '../testing/messaging.fixtures.js';
import { dropSchema } from '../../../../../test/support/test-database.js';
import { waitFor } from '../../../../../test/support/eventually.js';
import { DeadLetterRepository } from './dead-letter.repository.js';
import { OperatorIssuerFixture } from '../../security/testing/operator-issuer.fixture.js';

const natsUrl = process.env.NATS_URL;
const run = randomBytes(4).toString('hex');
const buses: [string, EventBusConfig][] = [
  ['the in-process bus', { kind: 'in-process' }],
  ...(natsUrl
    ? [
        [
          'NATS JetStream',
          { kind: 'nats', url: natsUrl, stream: `TEST_OPS_${run}`, subjectPrefix: `test.${run}.ops`, duplicateWindowMs: 60_000, ackWaitMs: 5_000 },
        ] as [string, EventBusConfig],
      ]
    : []),
];

// The real process app (its database, migrations, bus and HTTP stack), with a test consumer registered on it.
describe.each(buses)('dead letters and the ops endpoints over HTTP, on %s', (_name, bus) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'process-ops-'));
  const schema = `ops_${randomBytes(4).toString('hex')}`;
  let app: NestFastifyApplication;
  let baseUrl: string;
  let db: Database;
  let broken = true;
  const poison = testEvent(3, 'order.poisoned');
  const other = testEvent(4, 'order.poisoned');
  const events = [...Array.from({ length: 8 }, (_, i) => testEvent(10 + i, 'order.fine')), poison, other];

  const issuer = new OperatorIssuerFixture();
  let operatorToken = '';
  // as an operator (ops-alice) would call the ops routes
  const http = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${operatorToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
  };
  const effectsOf = async (event: EventEnvelopeDto) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM test_effects WHERE event_id = $1', [event.id]))[0].n;

  beforeAll(async () => {
    await issuer.start();
    operatorToken = await issuer.token('ops-alice');
    const config: ProcessApisConfig = {
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      systemUrl: 'http://127.0.0.1:9', // no system layer: only the messaging part is exercised
      database: { url: process.env.DATABASE_URL, dataDir, schema },
      breaker: { ...defaultBreakerOptions, timeoutMs: 500 },
      catalogRefreshMs: 600_000,
      inFlightTimeoutMs: 60_000,
      atpRefreshMs: 600_000,
      holdSweepMs: 60_000,
      messaging: { ...quickMessaging, bus },
      security: { serviceKeys: parseServiceKeys(generateServiceKeys()), operators: operatorAuthAt(issuer.url) },
    };
    app = await startProcessApp(config);
    Logger.overrideLogger(false); // background work logs outside the app's context; the failures here are intended
    baseUrl = await baseUrlOf(app);
    db = app.get(Database);
    await db.exec('CREATE TABLE test_effects (seq serial PRIMARY KEY, event_id uuid NOT NULL)');
    await app.get(ConsumerRunner).register('ops-test', async (tx, event) => {
      if (event.type === 'order.poisoned' && broken) throw new Error(`order ${event.subject} not found`);
      await tx.query('INSERT INTO test_effects (event_id) VALUES ($1)', [event.id]);
    });
    const outbox = app.get(OutboxRepository);
    for (const event of events) await db.transaction((tx) => outbox.add(tx, event));
    await app.get(OutboxRelay).drain();
  });
  afterAll(async () => {
    await app?.close();
    await issuer.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (process.env.DATABASE_URL) await dropSchema(process.env.DATABASE_URL, schema);
    if (bus.kind === 'nats') {
      const nc = await connect({ servers: bus.url });
      await (await jetstreamManager(nc)).streams.delete(bus.stream).catch(() => undefined);
      await nc.close();
    }
  });

  it('dead-letters an event that always fails after the bounded attempts, while the others keep flowing', async () => {
    await waitFor(async () => (await http('GET', '/v1/ops/dead-letters?status=open')).body.items?.length === 2, 15_000, 'two dead letters');
    const fine = events.filter((e) => e.type === 'order.fine');
    expect(await Promise.all(fine.map(effectsOf))).toEqual(fine.map(() => 1));
    const { status, body } = await http('GET', '/v1/ops/dead-letters?status=open&consumer=ops-test');
    expect(status).toBe(200);
    expect(body.items.map((l: { eventId: string }) => l.eventId).sort()).toEqual([poison.id, other.id].sort());
    expect(body.items[0]).toMatchObject({ consumer: 'ops-test', type: 'order.poisoned', attempts: quickMessaging.maxAttempts, status: 'open' });
    expect(body.items[0].error).toMatch(/not found/);
    expect(body.items[0].event).toMatchObject({ type: 'order.poisoned', correlationId: expect.any(String) });
    expect(await effectsOf(poison)).toBe(0);
  });

  it('pages with a cursor and validates the query', async () => {
    const first = await http('GET', '/v1/ops/dead-letters?limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await http('GET', `/v1/ops/dead-letters?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.nextCursor).toBeUndefined();
    const bad = await http('GET', '/v1/ops/dead-letters?status=lost&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
    expect((await http('GET', '/v1/ops/dead-letters?cursor=nonsense')).status).toBe(400);
  });

  it('keeps a replay that fails again open with one attempt more; after the fix it applies the event exactly once', async () => {
    const [letter] = (await http('GET', `/v1/ops/dead-letters?status=open`)).body.items.filter((l: { eventId: string }) => l.eventId === poison.id);
    const failed = await http('POST', '/v1/ops/dead-letters/replay', { ids: [letter.id] });
    expect(failed.status).toBe(200);
    expect(failed.body.results).toEqual([
      expect.objectContaining({ id: letter.id, outcome: 'failed', deadLetter: expect.objectContaining({ status: 'open', attempts: letter.attempts + 1 }) }),
    ]);

    broken = false; // the cause is fixed
    const replayed = await http('POST', '/v1/ops/dead-letters/replay', { ids: [letter.id] });
    expect(replayed.body.results[0]).toMatchObject({ outcome: 'applied', deadLetter: { status: 'replayed', resolvedAt: expect.any(String) } });
    expect(await effectsOf(poison)).toBe(1);

    const again = await http('POST', '/v1/ops/dead-letters/replay', { ids: [letter.id] });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'DEAD_LETTER.NOT_OPEN', status: 409 });
    expect(await effectsOf(poison)).toBe(1);
  });

  it('never applies twice: a dead letter for an event applied meanwhile replays as a duplicate', async () => {
    await app.get(DeadLetterRepository).open('ops-test', poison, 'redelivered after a network split', 4);
    const [letter] = (await http('GET', '/v1/ops/dead-letters?status=open')).body.items.filter((l: { eventId: string }) => l.eventId === poison.id);
    const replayed = await http('POST', '/v1/ops/dead-letters/replay', { ids: [letter.id] });
    expect(replayed.body.results[0]).toMatchObject({ outcome: 'duplicate', deadLetter: { status: 'replayed' } });
    expect(await effectsOf(poison)).toBe(1);
  });

  it('discards with a required reason; unknown ids are 404, closed ones 409', async () => {
    const [letter] = (await http('GET', '/v1/ops/dead-letters?status=open')).body.items;
    expect(letter.eventId).toBe(other.id);
    const noReason = await http('POST', `/v1/ops/dead-letters/${letter.id}/discard`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

    const discarded = await http('POST', `/v1/ops/dead-letters/${letter.id}/discard`, { reason: 'order cancelled in the ERP' });
    expect(discarded.status).toBe(200);
    expect(discarded.body).toMatchObject({ id: letter.id, status: 'discarded', reason: 'order cancelled in the ERP', resolvedAt: expect.any(String) });
    expect((await http('POST', `/v1/ops/dead-letters/${letter.id}/discard`, { reason: 'again' })).status).toBe(409);
    expect((await http('POST', '/v1/ops/dead-letters/replay', { ids: [letter.id] })).status).toBe(409);
    expect(await effectsOf(other)).toBe(0);

    const unknown = randomUUID();
    const notFound = await http('POST', `/v1/ops/dead-letters/${unknown}/discard`, { reason: 'x' });
    expect(notFound).toMatchObject({ status: 404, body: { code: 'DEAD_LETTER.NOT_FOUND' } });
    expect(notFound.type).toContain('application/problem+json');
    expect((await http('POST', '/v1/ops/dead-letters/not-a-uuid/discard', { reason: 'x' })).status).toBe(404);
    expect((await http('POST', '/v1/ops/dead-letters/replay', { ids: [unknown] })).status).toBe(404);
    expect((await http('POST', '/v1/ops/dead-letters/replay', { ids: [] })).status).toBe(400);
    expect((await http('GET', '/v1/ops/dead-letters?status=discarded')).body.items.map((l: { id: string }) => l.id)).toEqual([letter.id]);
  });

  it('audits who replayed and discarded which dead letter, and refuses the ops routes to revoked and non-operator tokens', async () => {
    const replays = await http('GET', '/v1/ops/audit?action=dead_letter.replayed');
    expect(replays.status).toBe(200);
    expect(replays.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorKind: 'operator',
          actor: 'ops-alice',
          target: expect.any(String),
          detail: expect.objectContaining({ eventId: poison.id, consumer: 'ops-test' }),
        }),
      ]),
    );
    expect(replays.body.items.map((e: { outcome: string }) => e.outcome)).toEqual(expect.arrayContaining(['failure', 'success']));
    const discards = (await http('GET', '/v1/ops/audit?action=dead_letter.discarded')).body.items;
    expect(discards).toEqual([
      expect.objectContaining({ actor: 'ops-alice', detail: expect.objectContaining({ eventId: other.id, reason: 'order cancelled in the ERP' }) }),
    ]);
    // keyset paging over the whole log
    const first = await http('GET', '/v1/ops/audit?limit=1');
    const second = await http('GET', `/v1/ops/audit?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);

    const call = async (token: string) => (await fetch(`${baseUrl}/v1/ops/dead-letters`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await call(await issuer.token('crm', { scope: 'crm', audience: 'crm' }))).toBe(403);
    const revoked = await issuer.token('ops-bob');
    expect(await call(revoked)).toBe(200);
    issuer.revoked.add(revoked);
    await waitFor(async () => (await call(revoked)) === 401, 10_000, 'the revoked token refused');
  });
});
