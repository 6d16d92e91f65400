import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Database } from '@platform';
import { LegReleaseService } from '../apps/process-apis/src/fulfillment/release/leg-release.service.js';
import { call, eventually, order, tokenFor } from './support/http.js';
import { serviceHeaders, TestStack } from './support/stack.js';

const MONEY = { amount: expect.stringMatching(/^\d+\.\d{2,4}$/), currency: 'USD' };

describe('B2B orders: list, cancel before release, idempotent quotes and cancels, v1 deprecation, v2 shape', () => {
  let stack: TestStack;
  let acme: string;
  let globex: string;
  /** A second partner of acme's ERP customer: same customer, other partner. */
  let acmeEast: string;
  /** A partner whose customer (10100005) is on credit block: its orders stay on hold, unreleased. */
  let held: string;

  const b2b = (path: string, token: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const b2bV2 = (path: string, token: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${stack.experienceUrl}/b2b/v2${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const place = (token: string, key: string, body: unknown) => b2b('/orders', token, { headers: { 'idempotency-key': key }, body });
  const cancel = (token: string, orderId: string, init: { key?: string; body?: unknown } = {}) =>
    b2b(`/orders/${orderId}/cancel`, token, { method: 'POST', headers: init.key ? { 'idempotency-key': init.key } : {}, body: init.body });
  const available = async (sku: string) => (await b2b(`/availability?sku=${sku}&quantity=1`, acme)).body.totalAvailable as number;
  const wmsOrders = async (erpOrderNumber: string) =>
    (await call<{ orders: unknown[] }>(`${stack.sandboxUrl}/control/wms/fulfillment-orders?erpOrderNumber=${erpOrderNumber}`)).body.orders;
  /** Every order of a listing, page by page. */
  const listAll = async (token: string, query: string, limit: number) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await b2b(`/orders?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token);
      expect(page.status).toBe(200);
      expect(page.body.orders.length).toBeLessThanOrEqual(limit);
      ids.push(...page.body.orders.map((o: { orderId: string }) => o.orderId));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    return { ids, pages };
  };

  beforeAll(async () => {
    stack = await TestStack.start();
    const { PartnerRepository } = await import('../apps/experience-apis/src/auth/partner.repository.js');
    await stack.experience.get(PartnerRepository).seed([
      { partnerId: 'acme-east', name: 'ACME East', customerId: '10100001', secret: 'acme-east-secret' },
      { partnerId: 'held-co', name: 'Held Co', customerId: '10100005', secret: 'held-secret' },
    ]);
    acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    globex = await tokenFor(stack.experienceUrl, 'globex', 'globex-demo-secret');
    acmeEast = await tokenFor(stack.experienceUrl, 'acme-east', 'acme-east-secret');
    held = await tokenFor(stack.experienceUrl, 'held-co', 'held-secret');
  });
  afterAll(() => stack?.stop());

  it('lists orders newest first across pages with no duplicates or skips, even when an order is placed while paging', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const placed: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const response = await place(acme, `list-${i}`, order(`PO-LIST-${i}`, [{ sku: 'SKU-1006', quantity: 1 }]));
      expect(response.status).toBe(201);
      placed.push(response.body.orderId);
    }
    const first = await b2b(`/orders?createdFrom=${since}&limit=2`, acme);
    expect(first.status).toBe(200);
    expect(first.body.orders.map((o: { orderId: string }) => o.orderId)).toEqual([placed[4], placed[3]]);
    expect(first.body.orders[0]).toMatchObject({
      purchaseOrderNumber: 'PO-LIST-5',
      lines: [{ sku: 'SKU-1006', quantity: 1 }],
      totalAmount: { currency: 'USD' },
    });
    expect(first.body.nextCursor).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/));

    // an order placed between two pages is newer than the cursor: the following pages neither repeat nor skip
    const late = await place(acme, 'list-late', order('PO-LIST-LATE', [{ sku: 'SKU-1006', quantity: 1 }]));
    const rest = [];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await b2b(`/orders?createdFrom=${since}&limit=2&cursor=${cursor}`, acme);
      expect(page.status).toBe(200);
      rest.push(...page.body.orders.map((o: { orderId: string }) => o.orderId));
      cursor = page.body.nextCursor;
    }
    expect(rest).toEqual([placed[2], placed[1], placed[0]]);

    const all = await listAll(acme, `createdFrom=${since}`, 2);
    expect(all.ids).toEqual([late.body.orderId, ...[...placed].reverse()]);
    expect(all.pages).toBe(3);
    const single = await b2b(`/orders?createdFrom=${since}&limit=100`, acme);
    expect(single.body.nextCursor).toBeNull();
    expect(single.body.orders).toHaveLength(6);
  });

  it('filters by status, purchase order number and creation dates, and refuses bad filters', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const a = await place(held, 'filter-a', order('PO-FILTER-A', [{ sku: 'SKU-1004', quantity: 1 }]));
    const b = await place(held, 'filter-b', order('PO-FILTER-B', [{ sku: 'SKU-1004', quantity: 1 }]));
    expect([a.body.status, b.body.status]).toEqual(['on_hold', 'on_hold']);
    expect((await cancel(held, b.body.orderId)).status).toBe(200);
    const ids = async (query: string) =>
      ((await b2b(`/orders?createdFrom=${since}&${query}`, held)).body.orders as { orderId: string }[]).map((o) => o.orderId);

    expect(await ids('status=on_hold')).toEqual([a.body.orderId]);
    expect(await ids('status=cancelled')).toEqual([b.body.orderId]);
    expect(await ids('status=on_hold,cancelled')).toEqual([b.body.orderId, a.body.orderId]);
    expect(await ids('status=released')).toEqual([]);
    expect(await ids('purchaseOrderNumber=PO-FILTER-A')).toEqual([a.body.orderId]);
    expect(await ids('purchaseOrderNumber=PO-NONE')).toEqual([]);

    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    // a date as createdTo includes that whole day
    expect(await ids(`createdTo=${today}`)).toEqual([b.body.orderId, a.body.orderId]);
    expect(await ids(`createdTo=${yesterday}`)).toEqual([]);
    expect((await b2b(`/orders?createdFrom=${new Date(Date.now() + 60_000).toISOString()}`, held)).body.orders).toEqual([]);
    const between = (await b2b(`/orders?createdFrom=${a.body.createdAt}&createdTo=${b.body.createdAt}`, held)).body.orders;
    expect(between.map((o: { orderId: string }) => o.orderId)).toEqual([a.body.orderId]); // createdTo is exclusive

    const badStatus = await b2b('/orders?status=lost', held);
    expect(badStatus.status).toBe(400);
    expect(badStatus.headers.get('content-type')).toContain('application/problem+json');
    expect(badStatus.body.errors[0].field).toBe('status');
    expect((await b2b('/orders?createdFrom=yesterday', held)).status).toBe(400);
    expect((await b2b('/orders?limit=0', held)).status).toBe(400);
    expect((await b2b('/orders?limit=101', held)).status).toBe(400);
    const badCursor = await b2b('/orders?cursor=bm90LWEtY3Vyc29y', held);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.code).toBe('ORDERS.INVALID_CURSOR');
  });

  it("never shows a partner another partner's orders, even another partner of the same customer", async () => {
    const mine = await place(acme, 'scope-1', order('PO-SCOPE-1', [{ sku: 'SKU-1006', quantity: 1 }]));
    expect(mine.status).toBe(201);
    const acmeIds = (await listAll(acme, 'purchaseOrderNumber=PO-SCOPE-1', 50)).ids;
    expect(acmeIds).toEqual([mine.body.orderId]);

    for (const other of [globex, acmeEast]) {
      expect((await listAll(other, 'purchaseOrderNumber=PO-SCOPE-1', 50)).ids).toEqual([]);
      const all = await listAll(other, 'status=accepted,released,on_hold,cancelled', 100);
      expect(all.ids).not.toContain(mine.body.orderId);
      expect((await b2b(`/orders/${mine.body.orderId}`, other)).status).toBe(404);
      expect((await b2b(`/orders/${mine.body.orderId}/shipments`, other)).status).toBe(404);
    }
  });

  it('keeps invoices to the partner whose orders they bill, even from another partner of the same customer', async () => {
    /** Places an order of acme's and ships it; its invoice id. */
    const shipped = async (n: number): Promise<string> => {
      const placed = await place(acme, `invoice-scope-${n}`, order(`PO-INV-SCOPE-${n}`, [{ sku: 'SKU-1006', quantity: 1 }]));
      const [wmsOrder] = (await eventually(
        () => wmsOrders(placed.body.erpOrderNumber),
        (orders) => orders.length === 1,
      )) as { id: string }[];
      await eventually(
        () => b2b(`/orders/${placed.body.orderId}`, acme),
        (r) => r.body.status === 'released',
      );
      await call(`${stack.sandboxUrl}/control/wms/fulfillment-orders/${wmsOrder!.id}/ship`, { body: { carrier: 'UPSN', trackingNumber: `1Z-SCOPE-${n}` } });
      const view = await eventually(
        () => b2b(`/orders/${placed.body.orderId}`, acme),
        (r) => r.body.invoices?.length === 1,
      );
      return view.body.invoices[0].invoiceId;
    };
    const [invoiceId, second] = [await shipped(1), await shipped(2)];
    expect((await b2b(`/invoices/${invoiceId}`, acme)).status).toBe(200);
    expect((await b2b(`/invoices/${invoiceId}`, acmeEast)).status).toBe(404);
    expect((await b2b(`/invoices/${invoiceId}`, globex)).status).toBe(404);

    // the list: acme's invoices page by page, newest first; nothing of acme's for the other partner of its customer
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await b2b(`/invoices?limit=1${cursor ? `&cursor=${cursor}` : ''}`, acme);
      expect(page.status).toBe(200);
      pages.push(page.body.invoices.map((i: { invoiceId: string }) => i.invoiceId));
      cursor = page.body.nextCursor;
    } while (cursor && pages.length < 50);
    const listed = pages.flat();
    expect(listed.indexOf(second)).toBeLessThan(listed.indexOf(invoiceId)); // newest first, both there
    expect(listed.indexOf(second)).toBeGreaterThanOrEqual(0);
    expect(new Set(listed).size).toBe(listed.length);
    expect(pages.every((p) => p.length <= 1)).toBe(true);
    expect((await b2b('/invoices', acmeEast)).body.invoices.map((i: { invoiceId: string }) => i.invoiceId)).not.toContain(invoiceId);
    expect((await b2b('/invoices?status=paid', acme)).body.invoices.map((i: { invoiceId: string }) => i.invoiceId)).not.toContain(invoiceId);
    expect((await b2b('/invoices?status=bogus', acme)).status).toBe(400);
    expect((await b2b('/invoices?cursor=bm90LWEtY3Vyc29y', acme)).status).toBe(400);
    // v2: the same invoices, money as decimal strings once the ERP has issued them
    const issued = await eventually(
      async () => (await b2bV2('/invoices', acme)).body.invoices.find((i: { invoiceId: string }) => i.invoiceId === invoiceId),
      (invoice) => invoice?.status === 'open',
    );
    expect(issued.total).toEqual({ amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'USD' });
  });

  it('cancels an order before release: status cancelled, stock freed, OMS told, never released afterwards', async () => {
    const before = await available('SKU-1005');
    const placed = await place(held, 'cancel-1', order('PO-CANCEL-1', [{ sku: 'SKU-1005', quantity: 7 }]));
    expect(placed.body).toMatchObject({ status: 'on_hold', statusReason: 'CREDIT_BLOCK' });
    expect(await available('SKU-1005')).toBe(before - 7);

    const cancelled = await cancel(held, placed.body.orderId, { body: { reason: 'ordered twice' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ orderId: placed.body.orderId, status: 'cancelled', statusReason: 'CUSTOMER_REQUEST' });
    expect(cancelled.headers.get('idempotent-replayed')).toBe('false');
    expect(await available('SKU-1005')).toBe(before);
    expect((await b2b(`/orders/${placed.body.orderId}`, held)).body.status).toBe('cancelled');

    const internal = await call(`${stack.processUrl}/v1/orders/${placed.body.orderId}?customerId=10100005`, { headers: await serviceHeaders('process-apis') });
    const oms = await call(`${stack.systemUrl}/oms/v1/orders/${internal.body.omsOrderId}`, { headers: await serviceHeaders('system-apis') });
    expect(oms.body.status).toBe('cancelled');
    // the ERP sales order is cancelled too: every item rejected
    const erp = await call(`${stack.systemUrl}/erp/v1/sales-orders/${placed.body.erpOrderNumber}`, { headers: await serviceHeaders('system-apis') });
    expect(erp.body.cancelled).toBe(true);

    // a release delivered after the cancel (the race's loser) finds the order cancelled and leaves it alone
    const release = stack.process.get(LegReleaseService);
    await stack.process.get(Database).transaction((tx) => release.release(tx, placed.body.orderId));
    expect(await wmsOrders(placed.body.erpOrderNumber)).toEqual([]);
    expect((await b2b(`/orders/${placed.body.orderId}`, held)).body.status).toBe('cancelled');
    expect(await available('SKU-1005')).toBe(before);
  });

  it("refuses to cancel an order the warehouse has (409), and hides other partners' and unknown orders (404)", async () => {
    const placed = await place(acme, 'released-1', order('PO-RELEASED-1', [{ sku: 'SKU-1006', quantity: 2 }]));
    const released = await eventually(
      () => b2b(`/orders/${placed.body.orderId}`, acme),
      (r) => r.body.status === 'released',
    );
    expect(released.body.status).toBe('released');
    const refused = await cancel(acme, placed.body.orderId, { key: 'cancel-released-1' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 409, code: 'ORDER.ALREADY_RELEASED' });
    expect((await b2b(`/orders/${placed.body.orderId}`, acme)).body.status).toBe('released');
    // a failed request frees its key
    expect((await cancel(acme, placed.body.orderId, { key: 'cancel-released-1' })).status).toBe(409);

    const heldOrder = await place(held, 'not-yours-1', order('PO-NOT-YOURS', [{ sku: 'SKU-1004', quantity: 1 }]));
    for (const other of [acme, globex]) {
      const hidden = await cancel(other, heldOrder.body.orderId);
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('ORDER.NOT_FOUND');
    }
    expect((await b2b(`/orders/${heldOrder.body.orderId}`, held)).body.status).toBe('on_hold');
    expect((await cancel(held, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await cancel(held, 'not-an-id')).status).toBe(404);
    expect((await cancel(held, heldOrder.body.orderId, { body: { reason: 'x'.repeat(201) } })).status).toBe(400);
    expect((await cancel(held, heldOrder.body.orderId, { body: { because: 'no' } })).status).toBe(400);
  });

  it('lets exactly one of a cancel and the release win when they race', async () => {
    const before = await available('SKU-1003');
    const races = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const placed = await place(acme, `race-${i}`, order(`PO-RACE-${i}`, [{ sku: 'SKU-1003', quantity: 2 }]));
        expect(placed.body.status).toBe('accepted');
        // the release starts as the order commits; the cancel follows at once
        return { placed: placed.body, cancelled: await cancel(acme, placed.body.orderId) };
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // relay ticks: any release still due has run
    let kept = 0;
    for (const { placed, cancelled } of races) {
      const now = (await b2b(`/orders/${placed.orderId}`, acme)).body;
      const erp = (await call(`${stack.systemUrl}/erp/v1/sales-orders/${placed.erpOrderNumber}`, { headers: await serviceHeaders('system-apis') })).body;
      if (cancelled.status === 200) {
        expect(now.status).toBe('cancelled');
        expect(await wmsOrders(placed.erpOrderNumber)).toEqual([]);
        expect(erp.cancelled).toBe(true);
      } else {
        expect(erp.cancelled).toBe(false);
        expect(cancelled.status).toBe(409);
        expect(cancelled.body.code).toBe('ORDER.ALREADY_RELEASED');
        expect(now.status).toBe('released');
        expect(await wmsOrders(placed.erpOrderNumber)).toHaveLength(1);
        kept++;
      }
    }
    // what was cancelled is free again; what the warehouse has stays taken
    const after = await eventually(
      () => available('SKU-1003'),
      (a) => a === before - 2 * kept,
    );
    expect(after).toBe(before - 2 * kept);
  });

  it('changes nothing when the OMS cannot be told of a cancel, and cancels once it is back', async () => {
    const placed = await place(held, 'cancel-oms-down', order('PO-CANCEL-OMS', [{ sku: 'SKU-1005', quantity: 3 }]));
    expect(placed.body.status).toBe('on_hold');
    const before = await available('SKU-1005');
    await call(`${stack.sandboxUrl}/control/oms/faults`, { method: 'PUT', body: { down: true } });
    try {
      const refused = await cancel(held, placed.body.orderId, { key: 'cancel-oms-down-k' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toEqual(expect.stringMatching(/^\d+$/));
      expect(refused.body.code).toBe('UPSTREAM.UNAVAILABLE');
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect((await b2b(`/orders/${placed.body.orderId}`, held)).body.status).toBe('on_hold');
      expect(await available('SKU-1005')).toBe(before);
    } finally {
      await call(`${stack.sandboxUrl}/control/oms/faults`, { method: 'DELETE' });
    }
    const retried = await eventually(
      () => cancel(held, placed.body.orderId, { key: 'cancel-oms-down-k' }),
      (r) => r.status === 200,
      20_000,
    );
    expect(retried.body.status).toBe('cancelled');
    expect(await available('SKU-1005')).toBe(before + 3);
  });

  it('changes nothing when the ERP cannot cancel its sales order, and cancels once it is back', async () => {
    const placed = await place(held, 'cancel-erp-down', order('PO-CANCEL-ERP', [{ sku: 'SKU-1005', quantity: 2 }]));
    const before = await available('SKU-1005');
    await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'PUT', body: { down: true } });
    try {
      const refused = await cancel(held, placed.body.orderId);
      expect(refused.status).toBe(503);
      expect((await b2b(`/orders/${placed.body.orderId}`, held)).body.status).toBe('on_hold');
      expect(await available('SKU-1005')).toBe(before);
    } finally {
      await call(`${stack.sandboxUrl}/control/erp/faults`, { method: 'DELETE' });
    }
    // the OMS was told already on the first try: the retry finds it cancelled and goes on
    const retried = await eventually(
      () => cancel(held, placed.body.orderId),
      (r) => r.status === 200,
      20_000,
    );
    expect(retried.body.status).toBe('cancelled');
    expect(
      (await call(`${stack.systemUrl}/erp/v1/sales-orders/${placed.body.erpOrderNumber}`, { headers: await serviceHeaders('system-apis') })).body.cancelled,
    ).toBe(true);
    expect(await available('SKU-1005')).toBe(before + 2);
  });

  it('answers a repeated cancel idempotently: same key replays, no key answers the cancelled order, another body is 422', async () => {
    const placed = await place(held, 'cancel-idem', order('PO-CANCEL-IDEM', [{ sku: 'SKU-1004', quantity: 2 }]));
    const first = await cancel(held, placed.body.orderId, { key: 'cancel-idem-k' });
    expect(first.status).toBe(200);
    const replay = await cancel(held, placed.body.orderId, { key: 'cancel-idem-k' });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const again = await cancel(held, placed.body.orderId);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('cancelled');
    const otherBody = await cancel(held, placed.body.orderId, { key: 'cancel-idem-k', body: { reason: 'changed my mind' } });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    const timeline = await stack.process
      .get(Database)
      .query<{ status: string }>(`SELECT status FROM order_timeline WHERE order_id = $1 AND status = 'cancelled'`, [placed.body.orderId]);
    expect(timeline).toHaveLength(1);
  });

  it('requires an Idempotency-Key on quotes and replays a quote without holding the stock twice', async () => {
    const body = { lines: [{ lineNumber: 1, sku: 'SKU-1007', quantity: 5 }], holdSeconds: 600 };
    const missing = await b2b('/quotes', acme, { body });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('IDEMPOTENCY.KEY_MISSING');

    const before = await available('SKU-1007');
    const first = await b2b('/quotes', acme, { headers: { 'idempotency-key': 'quote-1' }, body });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(await available('SKU-1007')).toBe(before - 5);
    const replay = await b2b('/quotes', acme, { headers: { 'idempotency-key': 'quote-1' }, body });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.quoteId).toBe(first.body.quoteId);
    expect(await available('SKU-1007')).toBe(before - 5);
    const other = await b2b('/quotes', acme, { headers: { 'idempotency-key': 'quote-1' }, body: { ...body, holdSeconds: 60 } });
    expect(other.status).toBe(422);
    // keys are per partner: globex may use the same one
    expect((await b2b('/quotes', globex, { headers: { 'idempotency-key': 'quote-1' }, body: { lines: body.lines } })).headers.get('idempotent-replayed')).toBe(
      'false',
    );
  });

  it('marks every v1 answer deprecated with a sunset and a link to the migration note; v2 answers are not', async () => {
    const expectDeprecated = (response: Awaited<ReturnType<typeof call>>) => {
      expect(response.headers.get('deprecation')).toBe(`@${Date.parse('2026-12-01T00:00:00Z') / 1000}`);
      expect(response.headers.get('sunset')).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
      expect(response.headers.get('link')).toContain('</b2b/docs/v2-migration>; rel="deprecation"');
    };
    expectDeprecated(await b2b('/items?limit=1', acme));
    expectDeprecated(await b2b('/orders?limit=1', acme));
    expectDeprecated(await b2b('/orders/00000000-0000-4000-8000-000000000000', acme)); // errors too
    const v2 = await b2bV2('/orders?limit=1', acme);
    expect(v2.status).toBe(200);
    expect(v2.headers.get('deprecation')).toBeNull();
    expect(v2.headers.get('sunset')).toBeNull();

    const guide = await call(`${stack.experienceUrl}/b2b/docs/v2-migration`);
    expect(guide.status).toBe(200);
    expect(guide.headers.get('content-type')).toContain('text/markdown');
    expect(guide.body).toContain('# Migrating from B2B v1 to v2');
  });

  it('answers v2 with money as decimal strings and the lines grouped by the warehouse that ships them', async () => {
    const request = order('PO-V2-1', [
      { sku: 'SKU-1001', quantity: 700 },
      { sku: 'SKU-1008', quantity: 3 },
    ]);
    const placed = await b2bV2('/orders', acme, { headers: { 'idempotency-key': 'v2-1' }, body: request });
    expect(placed.status).toBe(201);
    const v2 = placed.body;
    expect(v2.totalAmount).toBeUndefined();
    expect(v2.total).toEqual(MONEY);
    expect(v2.lines).toEqual([
      { lineNumber: 1, sku: 'SKU-1001', quantity: 700, uom: 'EA', status: expect.any(String), unitPrice: MONEY, amount: MONEY },
      { lineNumber: 2, sku: 'SKU-1008', quantity: 3, uom: 'EA', status: expect.any(String), unitPrice: MONEY, amount: MONEY },
    ]);
    const lineSum = v2.lines.reduce((sum: number, l: { amount: { amount: string } }) => sum + Number(l.amount.amount), 0);
    expect(Number(v2.total.amount)).toBeCloseTo(lineSum, 2);
    // 700 of SKU-1001 cannot come from one warehouse: at least two legs, each with its own lines
    expect(v2.legs.length).toBeGreaterThanOrEqual(2);
    for (const leg of v2.legs) {
      expect(leg).toEqual({
        warehouseId: expect.stringMatching(/^DC\d+$/),
        status: expect.stringMatching(/^(planned|released)$/),
        promisedShipDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        lines: expect.any(Array),
      });
    }
    const shipped = (lineNumber: number) =>
      v2.legs
        .flatMap((leg: { lines: { lineNumber: number; quantity: number }[] }) => leg.lines)
        .filter((l: { lineNumber: number }) => l.lineNumber === lineNumber);
    expect(shipped(1).reduce((sum: number, l: { quantity: number }) => sum + l.quantity, 0)).toBe(700);
    expect(v2.backorders).toEqual([]);
    expect(v2.rejections).toEqual([]);

    const replay = await b2bV2('/orders', acme, { headers: { 'idempotency-key': 'v2-1' }, body: request });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(v2);

    const read = await eventually(
      () => b2bV2(`/orders/${v2.orderId}`, acme),
      (r) => r.body.legs.every((leg: { status: string }) => leg.status === 'released'),
    );
    expect(read.body.legs.every((leg: { shipments: unknown[] }) => Array.isArray(leg.shipments))).toBe(true);
    expect(read.body.invoices).toEqual([]);
    const listed = await b2bV2('/orders?purchaseOrderNumber=PO-V2-1', acme);
    expect(listed.body.orders).toHaveLength(1);
    expect(listed.body.orders[0]).toMatchObject({ orderId: v2.orderId, total: v2.total, legs: expect.any(Array) });

    // the same order in v1: amounts are numbers, lines carry their own legs
    const v1 = await b2b(`/orders/${v2.orderId}`, acme);
    expect(v1.body.totalAmount).toEqual({ amount: Number(v2.total.amount), currency: 'USD' });
    expect(v1.body.lines[0].legs.length).toBe(shipped(1).length);

    const items = await b2bV2('/items?limit=1', acme);
    expect(items.body.items[0].price).toEqual(MONEY);
    expect((await b2bV2('/orders/00000000-0000-4000-8000-000000000000', acme)).status).toBe(404);

    // v2 cancel of a held order answers the v2 shape
    const heldOrder = await place(held, 'v2-cancel', order('PO-V2-CANCEL', [{ sku: 'SKU-1004', quantity: 1 }]));
    const cancelled = await b2bV2(`/orders/${heldOrder.body.orderId}/cancel`, held, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', total: MONEY, legs: [{ status: 'cancelled' }] });
  });
});
