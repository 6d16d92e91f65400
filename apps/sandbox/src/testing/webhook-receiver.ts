import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json } from './sandbox-call.js';

export interface ReceivedWebhook {
  body: Json;
  headers: IncomingHttpHeaders;
}

/**
 * Test support: stands in for the system layer's webhook. Records every POST (and its raw body, to check a
 * signature over the bytes sent) and answers the next scripted status, then 200.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** The raw body of each of `received`, at the same index. */
  readonly rawBodies: string[] = [];
  private statuses: number[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      this.received.push({ body: JSON.parse(raw) as Json, headers: request.headers });
      this.rawBodies.push(raw);
      response.statusCode = this.statuses.shift() ?? 200;
      response.end();
    });
  });

  /** Listens on an ephemeral port; answers the URL to point the WMS webhook at. */
  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/events`;
  }

  /** Forgets what was received; the next answers are `statuses`, then 200. */
  reset(...statuses: number[]): void {
    this.received.length = 0;
    this.rawBodies.length = 0;
    this.statuses = statuses;
  }

  /** The events received for one outbound order, in order. */
  events(obOrderId: string): Json[] {
    return this.received.map((r) => r.body).filter((e) => e.ob_order_id === obOrderId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
