import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ACK } from '../event-bus.js';
import { testEvent } from '../testing/messaging.fixtures.js';
import { waitFor } from '../../../../../test/support/eventually.js';
import { InProcessEventBus } from './in-process.event-bus.js';

Logger.overrideLogger(false);

describe('in-process event bus: backlog and readiness', () => {
  it('counts per consumer the deliveries queued and those waiting for a retry, not the one in hand', async () => {
    const bus = new InProcessEventBus();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    await bus.subscribe('slow', async () => {
      await held;
      if (first) {
        first = false;
        return { ack: false, retryInMs: 60_000 }; // waits on a timer: still not acknowledged
      }
      return ACK;
    });
    await bus.subscribe('idle', async () => ACK, { types: ['other.type'] });
    for (let i = 0; i < 3; i++) await bus.publish(testEvent(i, 'backlog.checked'));

    expect(await bus.backlog()).toEqual([
      { consumer: 'slow', pending: 2 },
      { consumer: 'idle', pending: 0 },
    ]);
    release();
    await waitFor(async () => (await bus.backlog())[0]!.pending === 1, 2_000, 'the retry alone left');
    expect(await bus.probe()).toEqual({ up: true, detail: { kind: 'in-process' } });
    await bus.close();
    expect((await bus.probe()).up).toBe(false);
  });
});
