import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../domain/webhook-signature.js';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly body: { id: string; type: string; occurredAt: string; data: Record<string, any> };
}

/**
 * Test support only: a partner's endpoint on 127.0.0.1 that records what it receives and
 * answers what `respond` says (a status, possibly late).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  respond: (hook: ReceivedWebhook) => number | Promise<number> = () => 204;
  url = '';
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const hook: ReceivedWebhook = { path: request.url ?? '/', headers: request.headers, rawBody, body: JSON.parse(rawBody || 'null') };
      this.received.push(hook);
      void Promise.resolve(this.respond(hook)).then((status) => response.writeHead(status).end(status >= 300 ? 'nope' : ''));
    });
  });

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
    return receiver;
  }

  /** Hooks whose signature verifies with `secret`, as a partner would check them. */
  verified(secret: string): ReceivedWebhook[] {
    const now = Math.floor(Date.now() / 1000);
    return this.received.filter((hook) => verifySignature(secret, hook.headers['webhook-signature'] as string | undefined, hook.rawBody, now));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
