import type { Json } from './sandbox-call.js';

export const ERP_AUTH = { authorization: `Basic ${Buffer.from('GATEWAY:sandbox-erp-secret').toString('base64')}` };

export interface ErpReply {
  status: number;
  headers: Headers;
  body: Json;
}

async function send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ErpReply> {
  const response = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Json };
}

/**
 * Test support: the ERP of a sandbox at `base()` (read per call: the app's URL is known after start) as the
 * gateway calls it: OData reads with basic auth, writes with the CSRF token fetched last, and the control surface.
 * Its members are arrow functions, so a spec may destructure them.
 */
export class SandboxErp {
  token = '';

  constructor(private readonly base: () => string) {}

  readonly get = (path: string): Promise<ErpReply> => send('GET', this.odata(path), undefined, ERP_AUTH);

  /** A write with the fetched token, or with `csrf` ('' sends none). */
  readonly post = (path: string, body: object, csrf: string = this.token): Promise<ErpReply> =>
    send('POST', this.odata(path), body, { ...ERP_AUTH, ...(csrf ? { 'x-csrf-token': csrf } : {}) });

  readonly control = (method: string, path: string, body?: unknown): Promise<ErpReply> => send(method, `${this.base()}/control${path}`, body);

  /** Fetches a CSRF token from `service` (e.g. `/API_BILLING_DOCUMENT_SRV`) for the writes that follow. */
  readonly fetchToken = async (service: string): Promise<string> => {
    this.token = (await send('GET', this.odata(service), undefined, { ...ERP_AUTH, 'x-csrf-token': 'Fetch' })).headers.get('x-csrf-token')!;
    return this.token;
  };

  /** A sales order of `soldTo` with `items` (`Material`, `RequestedQuantity`, …); answers its number. */
  readonly createOrder = async (soldTo: string, items: Json[]): Promise<string> => {
    const { status, body } = await this.post('/API_SALES_ORDER_SRV/A_SalesOrder', { SoldToParty: soldTo, to_Item: { results: items } });
    if (status !== 201) throw new Error(`sales order: ${status} ${JSON.stringify(body)}`);
    return body.d.SalesOrder as string;
  };

  private odata(path: string): string {
    return `${this.base()}/sap/opu/odata/sap${path}`;
  }
}
