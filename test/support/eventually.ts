import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The one way tests wait for something that happens in the background: reads until `done` holds or
 * the time is up, and returns the last value read, so the test's own expectations on it say what was
 * wrong rather than a bare timeout.
 */
export async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 10_000, pollMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(pollMs);
  }
}

/** eventually() for a yes-or-no condition, polled every 25 ms: throws `timed out waiting for <what>` when it never holds. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition', pollMs = 25): Promise<void> {
  if (!(await eventually(condition, (held) => held, timeoutMs, pollMs))) throw new Error(`timed out waiting for ${what}`);
}
