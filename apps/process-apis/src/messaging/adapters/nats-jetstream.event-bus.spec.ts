import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { EventEnvelopeDto } from '@contracts';
import { ACK, type BusSubscription } from '../event-bus.js';
import type { NatsBusConfig } from '../messaging.config.js';
import { testEvent, waitFor } from '../testing/messaging.fixtures.js';
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
});
