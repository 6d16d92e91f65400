import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import type { EventEnvelopeDto } from '@contracts';
import { ACK, type BusSubscription } from '../event-bus.js';
import type { NatsBusConfig } from '../messaging.config.js';
import { testEvent } from '../testing/messaging.fixtures.js';
import { waitFor } from '../../../../../test/support/eventually.js';
import { NatsJetStreamEventBus } from './nats-jetstream.event-bus.js';

const natsUrl = process.env.NATS_URL;
Logger.overrideLogger(false);

// Against the real server at NATS_URL, on a stream and subjects of its own, deleted afterwards.
(natsUrl ? describe : describe.skip)('NATS JetStream event bus', () => {
  const run = randomBytes(4).toString('hex');
  const config: NatsBusConfig = {
    kind: 'nats',
    url: natsUrl!,
    stream: `TEST_EVENTS_${run}`,
    subjectPrefix: `test.${run}.events`,
    duplicateWindowMs: 60_000,
    ackWaitMs: 2_000,
  };
  let bus: NatsJetStreamEventBus;

  const storedMessages = async () => {
    const nc = await connect({ servers: natsUrl });
    const info = await (await jetstreamManager(nc)).streams.info(config.stream);
    await nc.close();
    return info.state.messages;
  };

  beforeAll(async () => {
    bus = await NatsJetStreamEventBus.connect(config);
  });
  afterAll(async () => {
    await bus?.close();
    const nc = await connect({ servers: natsUrl });
    await (await jetstreamManager(nc)).streams.delete(config.stream).catch(() => undefined);
    await nc.close();
  });

  it('stores an event published twice with the same id once (Nats-Msg-Id)', async () => {
    const before = await storedMessages();
    const event = testEvent(1, 'dedupe.checked');
    await bus.publish(event);
    await bus.publish(event);
    expect((await storedMessages()) - before).toBe(1);
  });

  it('redelivers to the durable consumer after a nak, counting the attempts', async () => {
    const event = testEvent(2, 'nak.checked');
    const attempts: number[] = [];
    const subscription = await bus.subscribe(
      `nak-consumer-${run}`,
      async (received, delivery) => {
        if (received.id !== event.id) return ACK;
        attempts.push(delivery.attempt);
        return delivery.attempt < 3 ? { ack: false, retryInMs: 50 } : ACK;
      },
      { types: ['nak.checked'] },
    );
    await bus.publish(event);
    await waitFor(async () => attempts.length >= 3, 10_000, 'three deliveries');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(attempts).toEqual([1, 2, 3]);
    await subscription.stop();
  });

  it('survives a consumer restart without losing an event', async () => {
    const consumer = `restart-consumer-${run}`;
    const received = new Set<string>();
    const handler = async (event: EventEnvelopeDto) => {
      received.add(event.id);
      return ACK;
    };
    const events = Array.from({ length: 60 }, (_, i) => testEvent(i, 'restart.checked'));
    let subscription: BusSubscription = await bus.subscribe(consumer, handler, { types: ['restart.checked'] });
    for (const event of events.slice(0, 30)) await bus.publish(event);
    await waitFor(async () => received.size >= 10, 10_000, 'the first deliveries');
    await subscription.stop(); // mid-stream: some of the first 30 may not be handled yet
    for (const event of events.slice(30)) await bus.publish(event); // published while no instance runs
    subscription = await bus.subscribe(consumer, handler, { types: ['restart.checked'] });
    await waitFor(async () => events.every((e) => received.has(e.id)), 15_000, 'every event after the restart');
    const lost = events.filter((e) => !received.has(e.id)).length;
    console.log(`NATS consumer restart: 60 events, lost = ${lost}`);
    expect(lost).toBe(0);
    await subscription.stop();
  });

  it('reports what a consumer has not acknowledged yet (consumer_lag), and is ready while connected', async () => {
    const consumer = `backlog-consumer-${run}`;
    const pendingOf = async () => (await bus.backlog()).find((b) => b.consumer === consumer)?.pending;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const subscription = await bus.subscribe(
      consumer,
      async () => {
        await held;
        return ACK;
      },
      { types: ['backlog.checked'] },
    );
    for (let i = 0; i < 3; i++) await bus.publish(testEvent(i, 'backlog.checked'));
    // one in hand and two behind it: none acknowledged
    await waitFor(async () => (await pendingOf()) === 3, 5_000, 'three unacknowledged');
    release();
    await waitFor(async () => (await pendingOf()) === 0, 5_000, 'all acknowledged');
    await subscription.stop();

    expect(await bus.probe()).toMatchObject({ up: true, detail: { kind: 'nats', stream: config.stream } });
    const closed = await NatsJetStreamEventBus.connect(config);
    await closed.close();
    expect(await closed.probe()).toMatchObject({ up: false, detail: { message: 'connection closed' } });
  });

  it('sends the trace context as message headers, and takes it from them for an envelope without it', async () => {
    const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
    const traced = { ...testEvent(3, 'trace.checked'), traceparent, tracestate: 'vendor=1' };
    await bus.publish(traced);
    const nc = await connect({ servers: natsUrl });
    const stored = await (await jetstreamManager(nc)).streams.getMessage(config.stream, { last_by_subj: bus.subjectOf('trace.checked') });
    expect(stored?.header.get('traceparent')).toBe(traceparent);
    expect(stored?.header.get('tracestate')).toBe('vendor=1');

    // another publisher's message: the context only in its headers
    const received: EventEnvelopeDto[] = [];
    const subscription = await bus.subscribe(
      `trace-consumer-${run}`,
      async (event) => {
        received.push(event);
        return ACK;
      },
      { types: ['trace.checked'] },
    );
    const foreign = testEvent(4, 'trace.checked');
    const h = headers();
    h.set('traceparent', traceparent);
    await jetstream(nc).publish(bus.subjectOf('trace.checked'), JSON.stringify(foreign), { headers: h });
    await waitFor(async () => received.some((e) => e.id === foreign.id), 10_000, 'the foreign message');
    expect(received.find((e) => e.id === foreign.id)?.traceparent).toBe(traceparent);
    expect(received.find((e) => e.id === traced.id)).toMatchObject({ traceparent, tracestate: 'vendor=1' });
    await subscription.stop();
    await nc.close();
  });
});
