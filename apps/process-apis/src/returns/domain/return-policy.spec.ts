import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decideReturn, type ReturnableLine, type ReturnPolicyInput, type ReturnRequestLine } from './return-policy.js';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const DAYS_AGO = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const REASONS = ['DAMAGED', 'WRONG_ITEM', 'NOT_NEEDED'];

const line = (lineNumber: number, sku: string, shippedQuantity: number, extra: Partial<ReturnableLine> = {}): ReturnableLine => ({
  lineNumber,
  sku,
  shippedQuantity,
  returnedQuantity: 0,
  returnable: true,
  ...(shippedQuantity > 0 ? { lastShippedAt: DAYS_AGO(3) } : {}),
  ...extra,
});

const decide = (lines: ReturnableLine[], request: ReturnRequestLine[], overrides: Partial<ReturnPolicyInput> = {}) =>
  decideReturn({ lines, request, returnWindowDays: 30, reasonCodes: REASONS, now: NOW, ...overrides });

describe('return policy', () => {
  it('authorizes shipped quantities, by line number or by a sku on one line', () => {
    const lines = [line(10, 'SKU-1', 500), line(20, 'SKU-2', 12)];
    expect(
      decide(lines, [
        { lineNumber: 10, quantity: 20, reasonCode: 'DAMAGED' },
        { sku: 'SKU-2', quantity: 12, reasonCode: 'NOT_NEEDED' },
      ]),
    ).toEqual({
      outcome: 'authorized',
      lines: [
        { lineNumber: 10, sku: 'SKU-1', requestedQuantity: 20, authorizedQuantity: 20 },
        { lineNumber: 20, sku: 'SKU-2', requestedQuantity: 12, authorizedQuantity: 12 },
      ],
    });
  });

  it('authorizes only what was shipped less what earlier returns took, and says why the rest is not', () => {
    const decision = decide([line(10, 'SKU-1', 500, { returnedQuantity: 490 })], [{ lineNumber: 10, quantity: 20, reasonCode: 'DAMAGED' }]);
    expect(decision).toEqual({
      outcome: 'partially_authorized',
      lines: [{ lineNumber: 10, sku: 'SKU-1', requestedQuantity: 20, authorizedQuantity: 10, refusal: 'EXCEEDS_RETURNABLE' }],
    });
  });

  it('refuses a line never shipped, an unknown line, an ambiguous sku, an unknown reason and an item not returnable', () => {
    const lines = [line(10, 'SKU-1', 0), line(20, 'SKU-2', 5), line(30, 'SKU-2', 5), line(40, 'SKU-9', 5, { returnable: false })];
    const decision = decide(lines, [
      { lineNumber: 10, quantity: 1, reasonCode: 'DAMAGED' },
      { lineNumber: 99, quantity: 1, reasonCode: 'DAMAGED' },
      { sku: 'SKU-2', quantity: 1, reasonCode: 'DAMAGED' },
      { lineNumber: 20, quantity: 1, reasonCode: 'BORED' },
      { lineNumber: 40, quantity: 1, reasonCode: 'DAMAGED' },
      { lineNumber: 20, sku: 'SKU-1', quantity: 1, reasonCode: 'DAMAGED' },
    ]);
    expect(decision.outcome).toBe('refused');
    expect(decision.lines.map((l) => l.refusal)).toEqual([
      'NOT_SHIPPED',
      'UNKNOWN_LINE',
      'AMBIGUOUS_SKU',
      'UNKNOWN_REASON_CODE',
      'ITEM_NOT_RETURNABLE',
      'UNKNOWN_LINE',
    ]);
    expect(decision.lines.every((l) => l.authorizedQuantity === 0)).toBe(true);
  });

  it("refuses after the customer's return window, counted from the line's last shipment; no window means no limit", () => {
    const lines = [line(10, 'SKU-1', 5, { lastShippedAt: DAYS_AGO(31) })];
    const request = [{ lineNumber: 10, quantity: 1, reasonCode: 'DAMAGED' }];
    expect(decide(lines, request).lines[0].refusal).toBe('OUTSIDE_RETURN_WINDOW');
    expect(decide(lines, request, { returnWindowDays: 45 }).outcome).toBe('authorized');
    expect(decide(lines, request, { returnWindowDays: null }).outcome).toBe('authorized');
  });

  it('a line named twice in one request cannot take more than it has', () => {
    const decision = decide(
      [line(10, 'SKU-1', 8)],
      [
        { lineNumber: 10, quantity: 5, reasonCode: 'DAMAGED' },
        { sku: 'SKU-1', quantity: 5, reasonCode: 'WRONG_ITEM' },
      ],
    );
    expect(decision.lines.map((l) => l.authorizedQuantity)).toEqual([5, 3]);
    expect(decision.outcome).toBe('partially_authorized');
  });

  const lineArb = fc.record({
    lineNumber: fc.integer({ min: 1, max: 4 }).map((n) => n * 10),
    sku: fc.constantFrom('SKU-1', 'SKU-2', 'SKU-3'),
    shippedQuantity: fc.integer({ min: 0, max: 30 }),
    returnable: fc.boolean(),
    shippedDaysAgo: fc.integer({ min: 0, max: 60 }),
  });
  const linesArb = fc.uniqueArray(lineArb, { selector: (l) => l.lineNumber, minLength: 1, maxLength: 4 }).map((ls) =>
    ls.map((l) =>
      line(l.lineNumber, l.sku, l.shippedQuantity, {
        returnable: l.returnable,
        ...(l.shippedQuantity > 0 ? { lastShippedAt: DAYS_AGO(l.shippedDaysAgo) } : {}),
      }),
    ),
  );
  const requestArb = fc.array(
    fc.record({
      lineNumber: fc.option(
        fc.integer({ min: 1, max: 5 }).map((n) => n * 10),
        { nil: undefined },
      ),
      sku: fc.option(fc.constantFrom('SKU-1', 'SKU-2', 'SKU-3'), { nil: undefined }),
      quantity: fc.integer({ min: 1, max: 25 }),
      reasonCode: fc.constantFrom(...REASONS, 'BORED'),
    }),
    { minLength: 1, maxLength: 6 },
  );

  it('whatever the requests, one after another: no line is ever returned beyond what was shipped, and every unit asked for is authorized or refused with a reason', () => {
    fc.assert(
      fc.property(
        linesArb,
        fc.array(requestArb, { minLength: 1, maxLength: 5 }),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
        (start, requests, windowDays) => {
          let lines = start;
          for (const request of requests) {
            const decision = decide(lines, request, { returnWindowDays: windowDays });
            expect(decision.lines).toHaveLength(request.length);
            for (const d of decision.lines) {
              expect(d.authorizedQuantity).toBeGreaterThanOrEqual(0);
              expect(d.authorizedQuantity).toBeLessThanOrEqual(d.requestedQuantity);
              expect(d.refusal === undefined).toBe(d.authorizedQuantity === d.requestedQuantity);
            }
            const authorized = decision.lines.reduce((n, d) => n + d.authorizedQuantity, 0);
            const requested = decision.lines.reduce((n, d) => n + d.requestedQuantity, 0);
            expect(decision.outcome).toBe(authorized === 0 ? 'refused' : authorized === requested ? 'authorized' : 'partially_authorized');
            // the next request sees what this one took
            lines = lines.map((l) => ({
              ...l,
              returnedQuantity: l.returnedQuantity + decision.lines.filter((d) => d.lineNumber === l.lineNumber).reduce((n, d) => n + d.authorizedQuantity, 0),
            }));
            for (const l of lines) {
              expect(l.returnedQuantity).toBeLessThanOrEqual(l.shippedQuantity);
              if (!l.returnable) expect(l.returnedQuantity).toBe(0);
            }
          }
        },
      ),
    );
  });
});
