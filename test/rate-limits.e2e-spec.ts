import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { call, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

/**
 * A request from another loopback address (127.0.0.0/8 is all loopback on Linux), so per-address buckets of
 * one test are not another's.
 */
function from(localAddress: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: { get(name: string): string | null }; body: any }>((resolve, reject) => {
    const sent = request(url, { method: init.method ?? 'GET', headers: init.headers, localAddress }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const header = (name: string) => (response.headers[name] === undefined ? null : String(response.headers[name]));
        resolve({ status: response.statusCode ?? 0, headers: { get: header }, body: text ? JSON.parse(text) : undefined });
      });
    });
    sent.on('error', reject);
    sent.end(init.body);
  });
}
const tokenRequest = (clientId: string, secret: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }).toString(),
});
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// Refills slow enough (a token every 20 s) that a burst's count never depends on how fast the machine is.
const limits = {
  defaults: {
    reads: { perSecond: 0.05, burst: 10 },
    writes: { perSecond: 0.05, burst: 5 },
    token: { perSecond: 0.05, burst: 8 },
  },
  tokenFailures: { max: 3, windowSeconds: 600 },
};

describe('rate limits per client and request class', () => {
  let stack: TestStack;
  let acme: string;
  let globex: string;
  const get = (base: string, path: string, token: string) => call(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    stack = await TestStack.start({ rateLimits: limits });
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    globex = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('accepts a burst of reads up to the quota, then answers 429 problem+json with Retry-After and the RateLimit fields', async () => {
    const answers = await Promise.all(Array.from({ length: 25 }, () => get(stack.experienceUrl, '/b2b/v2/availability?sku=SKU-1001&quantity=1', globex)));
    const accepted = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect([accepted.length, refused.length]).toEqual([10, 15]);
    expect(accepted[0]!.headers.get('ratelimit-policy')).toBe('"reads";q=10;w=200');
    expect(accepted.map((a) => a.headers.get('ratelimit')).sort()).toEqual(
      Array.from({ length: 10 }, (_, r) => expect.stringMatching(new RegExp(`^"reads";r=${r};t=\\d+$`))),
    );
    const tooMany = refused[0]!;
    expect(tooMany.headers.get('content-type')).toContain('application/problem+json');
    expect(tooMany.body).toMatchObject({ status: 429, code: 'RATE_LIMIT.EXCEEDED', policy: 'reads' });
    expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(tooMany.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect(tooMany.headers.get('ratelimit')).toMatch(/^"reads";r=0;t=\d+$/);
  });

  it('keeps writes in a bucket of their own, counted before the body is validated', async () => {
    // globex's reads are spent (previous test); its writes are not
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(`${stack.experienceUrl}/b2b/v2/quotes`, { headers: { authorization: `Bearer ${globex}`, 'idempotency-key': `rl-${i}` }, body: { lines: [] } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([400, 400, 400, 400, 400, 429, 429, 429]);
    expect(answers.find((a) => a.status === 429)!.headers.get('ratelimit-policy')).toBe('"writes";q=5;w=100');
  });

  it("applies a client's own limits, stored with the client (ACME: 100 reads in a burst)", async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => get(stack.experienceUrl, '/b2b/v2/availability?sku=SKU-1001&quantity=1', acme)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers[0]!.headers.get('ratelimit-policy')).toBe('"reads";q=100;w=2');
  });

  it('does not limit health and docs, nor requests without a client', async () => {
    for (let i = 0; i < 30; i++) {
      const health = await call(`${stack.experienceUrl}/health/live`);
      expect(health.status).toBe(200);
      expect(health.headers.get('ratelimit')).toBeNull();
    }
    expect((await call(`${stack.experienceUrl}/docs/json`)).status).toBe(200);
  });

  it('limits the token endpoint per address and per client id', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof from>> | undefined;
    for (let i = 0; i < 11; i++) {
      last = await from('127.0.0.3', `${stack.experienceUrl}/oauth/token`, tokenRequest('crm', 'crm-demo-secret'));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(8).fill(200), 429, 429, 429]);
    expect(last!.body).toMatchObject({ code: 'RATE_LIMIT.EXCEEDED', policy: 'token' });
    expect(last!.headers.get('ratelimit-policy')).toBe('"token";q=8;w=160');
    // the crm client's own bucket is spent too: another address gets no more tokens for it
    expect((await from('127.0.0.7', `${stack.experienceUrl}/oauth/token`, tokenRequest('crm', 'crm-demo-secret'))).status).toBe(429);
  });

  it('throttles failed token requests per client id: after 3 wrong secrets even the right one waits', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await from('127.0.0.4', `${stack.experienceUrl}/oauth/token`, tokenRequest('globex', `wrong-${i}`))).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const locked = await from('127.0.0.5', `${stack.experienceUrl}/oauth/token`, tokenRequest('globex', 'globex-demo-secret'));
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'AUTH.TOO_MANY_FAILED_ATTEMPTS' });
    // 3 failures per 600 s: the next one is back in 200 s
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(100);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(200);
    // another client from that address is not held up
    expect((await from('127.0.0.5', `${stack.experienceUrl}/oauth/token`, tokenRequest('acme', 'acme-demo-secret'))).status).toBe(200);
  });

  it('throttles failed token requests per address: guessing many client ids from one address stops it', async () => {
    for (const id of ['nobody-1', 'nobody-2', 'nobody-3']) {
      expect((await from('127.0.0.6', `${stack.experienceUrl}/oauth/token`, tokenRequest(id, 'guess'))).status).toBe(401);
    }
    const locked = await from('127.0.0.6', `${stack.experienceUrl}/oauth/token`, tokenRequest('acme', 'acme-demo-secret'));
    expect([locked.status, locked.body.code]).toEqual([429, 'AUTH.TOO_MANY_FAILED_ATTEMPTS']);
    // X-Forwarded-For is not believed unless TRUST_PROXY names the proxy: it cannot dodge the throttle
    const spoofed = tokenRequest('acme', 'acme-demo-secret');
    const dodged = await from('127.0.0.6', `${stack.experienceUrl}/oauth/token`, {
      ...spoofed,
      headers: { ...spoofed.headers, 'x-forwarded-for': '203.0.113.9' },
    });
    expect(dodged.status).toBe(429);
  });

  (process.env.DATABASE_URL ? it : it.skip)('shares one quota between two instances (PostgreSQL store)', async () => {
    const secondUrl = await stack.startSecondInstance();
    const umbrella = await tokenFor(secondUrl, 'umbrella-edi', 'umbrella-edi-demo-secret');
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => get(i % 2 ? secondUrl : stack.experienceUrl, '/b2b/v2/availability?sku=SKU-1001&quantity=1', umbrella)),
    );
    // 10 in all, not 10 per instance
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(6);
  });
});

describe('token endpoint: an unknown client and a wrong secret take the same time', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('answers both 401 in about the same time (median of 50 each, interleaved)', async () => {
    const timed = async (clientId: string) => {
      const started = performance.now();
      const answer = await call(`${stack.experienceUrl}/oauth/token`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        rawBody: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'not-the-secret' }).toString(),
      });
      expect(answer.status).toBe(401);
      return performance.now() - started;
    };
    for (let i = 0; i < 5; i++) await Promise.all([timed('acme'), timed(`unknown-${i}`)]); // warm-up
    const unknown: number[] = [];
    const wrongSecret: number[] = [];
    for (let i = 0; i < 50; i++) {
      unknown.push(await timed(`unknown-client-${i}`));
      wrongSecret.push(await timed('acme'));
    }
    const [u, w] = [median(unknown), median(wrongSecret)];
    console.log(`token endpoint medians over 50 attempts: unknown client ${u.toFixed(2)} ms, wrong secret ${w.toFixed(2)} ms`);
    // before: about 3.6 ms against 34 ms (no scrypt for an unknown client)
    expect(u / w).toBeGreaterThan(0.6);
    expect(u / w).toBeLessThan(1.6);
  });
});
