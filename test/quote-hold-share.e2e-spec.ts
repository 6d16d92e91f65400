import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, tokenFor } from './support/http.js';
import { TestStack } from './support/stack.js';

describe("quote holds: one partner may hold at most a share of a SKU's available stock", () => {
  let stack: TestStack;
  let acme: string;
  let globex: string;
  const quote = (token: string, key: string, sku: string, quantity: number) =>
    call(`${stack.experienceUrl}/b2b/v2/quotes`, {
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: { lines: [{ lineNumber: 1, sku, quantity }], holdSeconds: 600 },
    });
  const available = async (sku: string) =>
    (await call(`${stack.experienceUrl}/b2b/v2/availability?sku=${sku}&quantity=1`, { headers: { authorization: `Bearer ${acme}` } })).body
      .totalAvailable as number;

  beforeAll(async () => {
    stack = await TestStack.start({ quoteHoldMaxShare: 0.5 });
    [acme, globex] = [await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret'), await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret')];
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('refuses a hold over half of the stock with 422 problem+json saying how much may be held, and holds nothing', async () => {
    const total = await available('SKU-1003');
    const half = Math.floor(total / 2);
    const over = await quote(acme, 'share-over', 'SKU-1003', half + 1);
    expect(over.status).toBe(422);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
    expect(over.body).toMatchObject({
      code: 'QUOTE.HOLD_SHARE_EXCEEDED',
      sku: 'SKU-1003',
      maxHoldQuantity: half,
      heldQuantity: 0,
      requestedQuantity: half + 1,
    });
    expect(await available('SKU-1003')).toBe(total);
    // exactly the share is fine; then not one unit more, while another partner still holds its share of what is left
    expect((await quote(acme, 'share-half', 'SKU-1003', half)).status).toBe(200);
    expect((await quote(acme, 'share-one-more', 'SKU-1003', 1)).body.code).toBe('QUOTE.HOLD_SHARE_EXCEEDED');
    expect((await quote(globex, 'share-globex', 'SKU-1003', Math.floor((total - half) / 2))).status).toBe(200);
    // a quote without a hold is never refused for it
    const plain = await call(`${stack.experienceUrl}/b2b/v2/quotes`, {
      headers: { authorization: `Bearer ${acme}`, 'idempotency-key': 'share-plain' },
      body: { lines: [{ lineNumber: 1, sku: 'SKU-1003', quantity: 1 }] },
    });
    expect(plain.status).toBe(200);
  });

  it('lets concurrent quotes of one partner together hold no more than the share', async () => {
    const total = await available('SKU-1004');
    const half = Math.floor(total / 2);
    const each = Math.floor(half / 3); // three fit, a fourth does not
    expect(each).toBeGreaterThanOrEqual(3);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => quote(acme, `share-race-${i}`, 'SKU-1004', each)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 422).every((a) => a.body.code === 'QUOTE.HOLD_SHARE_EXCEEDED')).toBe(true);
    expect(await available('SKU-1004')).toBe(total - 3 * each);
  });
});
