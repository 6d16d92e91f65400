import { describe, expect, it } from '@jest/globals';
import { AppError } from '../errors/app-error.js';
import { UpstreamUnavailableError } from '../errors/upstream.error.js';
import { Breaker } from './breaker.js';

const options = { timeoutMs: 200, resetTimeoutMs: 300, errorThresholdPercentage: 50, volumeThreshold: 2, capacity: 2 };
const fail = () => Promise.reject(new Error('boom'));
const callerError = () => Promise.reject(new AppError('X.NOT_FOUND', 404, 'Not found'));

describe('Breaker', () => {
  it('opens after the threshold, refuses with Retry-After, and closes after a successful half-open probe', async () => {
    const breaker = new Breaker('erp', options);
    await expect(breaker.run(fail)).rejects.toThrow('boom');
    await expect(breaker.run(fail)).rejects.toThrow('boom');
    expect(breaker.state).toBe('open');
    const refused = await breaker.run(() => Promise.resolve('never')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UpstreamUnavailableError);
    expect((refused as UpstreamUnavailableError).code).toBe('UPSTREAM.CIRCUIT_OPEN');
    expect((refused as UpstreamUnavailableError).retryAfterSeconds).toBe(1);
    await new Promise((r) => setTimeout(r, 350));
    expect(breaker.state).toBe('half-open');
    await expect(breaker.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    breaker.shutdown();
  });

  it("does not count the caller's errors (4xx) against the downstream", async () => {
    const breaker = new Breaker('erp', options, (e) => e instanceof AppError && e.status < 500);
    for (let i = 0; i < 5; i++) await expect(breaker.run(callerError)).rejects.toBeInstanceOf(AppError);
    expect(breaker.state).toBe('closed');
    breaker.shutdown();
  });

  it('times out a slow call and refuses calls beyond its capacity', async () => {
    const breaker = new Breaker('wms', { ...options, volumeThreshold: 100 });
    const slow = () => new Promise((resolve) => setTimeout(resolve, 1_000));
    const results = await Promise.allSettled([breaker.run(slow), breaker.run(slow), breaker.run(slow)]);
    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as UpstreamUnavailableError).detail : 'ok'));
    expect(reasons.filter((d) => d?.includes('did not answer in time'))).toHaveLength(2);
    expect(reasons.filter((d) => d?.includes('too many calls in flight'))).toHaveLength(1);
    breaker.shutdown();
  });
});
