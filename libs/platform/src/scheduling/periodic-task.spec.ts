import { describe, expect, it } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '../../../../test/support/eventually.js';
import { currentCorrelationId } from '../context/request-context.js';
import { PeriodicTask, type PeriodicTaskOptions } from './periodic-task.js';

// Real timers, kept to a few milliseconds: the task is about timers, so faking them would test the fake.
function recorder() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: string) => warnings.push(message) } as unknown as Logger };
}

function task<T>(options: Partial<PeriodicTaskOptions<T>> & Pick<PeriodicTaskOptions<T>, 'run'>) {
  const { logger, warnings } = recorder();
  return { warnings, task: new PeriodicTask<T>({ every: 2, logger, failure: 'job not done this time', ...options }) };
}

describe('PeriodicTask', () => {
  it('never runs two ticks at once, even when a tick outlasts the interval', async () => {
    let running = 0;
    let most = 0;
    let ticks = 0;
    const { task: job } = task({
      every: 1,
      run: async () => {
        most = Math.max(most, ++running);
        await sleep(20);
        running--;
        ticks++;
      },
    });
    job.start();
    void job.runNow(); // an extra call joins the tick in progress rather than starting another
    await waitFor(() => ticks >= 3);
    await job.stop();
    expect(most).toBe(1);
  });

  it('stop() waits for the tick in progress and no tick follows', async () => {
    let started = 0;
    let finished = 0;
    const { task: job } = task({
      every: 1,
      run: async () => {
        started++;
        await sleep(30);
        finished++;
      },
    });
    job.start();
    await waitFor(() => started === 1);
    await job.stop();
    expect(finished).toBe(1);
    await sleep(20);
    expect(started).toBe(1);
  });

  it('logs a failed tick and keeps the schedule', async () => {
    let calls = 0;
    const { task: job, warnings } = task({
      run: async () => {
        if (++calls === 1) throw new Error('backend down');
        return calls;
      },
    });
    job.start();
    await waitFor(() => calls >= 2);
    await job.stop();
    expect(warnings[0]).toBe('job not done this time: backend down');
  });

  it('runs only while the instance holds its lease', async () => {
    let held = false;
    const asked: string[] = [];
    let ran = 0;
    const db = {
      holdsLease: async (name: string) => {
        asked.push(name);
        return held;
      },
    };
    const { task: job } = task({ lease: { db, name: 'nightly' }, run: async () => void ran++ });
    job.start();
    await waitFor(() => asked.length >= 3);
    expect(ran).toBe(0);
    held = true;
    await waitFor(() => ran >= 1);
    await job.stop();
    expect(new Set(asked)).toEqual(new Set(['nightly']));
  });

  it('startNow() runs the first tick at once; the next delay can depend on how the last one went', async () => {
    const delays: (boolean | undefined)[] = [];
    let calls = 0;
    const { task: job } = task<boolean>({
      every: (last) => {
        delays.push(last);
        return 1;
      },
      run: async () => ++calls % 2 === 1,
    });
    await job.startNow();
    expect(calls).toBe(1);
    await waitFor(() => delays.length >= 3);
    await job.stop();
    expect(delays.slice(0, 3)).toEqual([true, false, true]);
  });

  it('gives each tick a correlation id of its own', async () => {
    const ids: (string | undefined)[] = [];
    const { task: job } = task({ correlationPrefix: 'sweep', run: async () => void ids.push(currentCorrelationId()) });
    await job.runNow();
    await job.runNow();
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^sweep-[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
  });
});
