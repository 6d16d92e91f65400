import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventEnvelopeDto } from '@contracts';

/**
 * Stands between the process layer's channel-events forwarder and the experience layer, so a
 * test decides the order events arrive in: an event it holds is answered 503 (the forwarder
 * waits that out and delivers it again later), one it refuses is answered 422 (a failed attempt), every
 * other one is passed through as it is.
 */
export class ChannelEventsGate {
  /** Where deliveries are passed on to (the experience layer, once the stack is up). */
  target = '';
  /** Event types in the order the experience layer accepted them. */
  readonly delivered: EventEnvelopeDto[] = [];
  /** How often a held event was turned away. */
  refusals = 0;
  private holding?: (event: EventEnvelopeDto) => boolean;
  private refusing?: (event: EventEnvelopeDto) => boolean;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<ChannelEventsGate> {
    const server = createServer();
    const gate = new ChannelEventsGate(server);
    server.on('request', (req, res) => {
      void gate.pass(req).then(
        ({ status, headers, body }) => res.writeHead(status, headers).end(body),
        (error: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(error.message),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return gate;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  hold(predicate: (event: EventEnvelopeDto) => boolean): void {
    this.holding = predicate;
  }

  release(): void {
    this.holding = undefined;
  }

  /** Events it matches are answered 422, as a bug in the experience layer would: a failed attempt, dead-lettered once they run out. */
  refuse(predicate: ((event: EventEnvelopeDto) => boolean) | undefined): void {
    this.refusing = predicate;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async pass(req: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const event = body ? (JSON.parse(body) as EventEnvelopeDto) : undefined;
    if (!this.target || (event && this.holding?.(event))) {
      if (this.target) this.refusals++;
      const problem = { type: 'about:blank', title: 'Service unavailable', status: 503, detail: 'held back by the test' };
      return { status: 503, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(problem) };
    }
    if (event && this.refusing?.(event)) {
      const problem = { type: 'about:blank', title: 'Unprocessable', status: 422, code: 'TEST.REFUSED', detail: 'refused by the test' };
      return { status: 422, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(problem) };
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
    const response = await fetch(`${this.target}${req.url}`, { method: req.method, headers, body: body || undefined });
    const answer = await response.text();
    if (response.ok && event) this.delivered.push(event);
    return { status: response.status, headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' }, body: answer };
  }
}
