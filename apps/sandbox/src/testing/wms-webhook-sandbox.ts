import { afterAll, beforeAll, beforeEach, expect } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { waitFor } from '../../../../test/support/eventually.js';
import { createSandboxApp, defaultSandboxConfig } from '../sandbox.app.js';
import { sandboxCaller, type Json } from './sandbox-call.js';
import { WebhookReceiver } from './webhook-receiver.js';

/** A sandbox whose WMS webhook points at a receiver, for one describe block (see `useWmsWebhookSandbox`). */
export class WmsWebhookSandbox {
  /** Set once the app started (beforeAll). */
  base = '';
  readonly receiver = new WebhookReceiver();
  readonly call = sandboxCaller(() => this.base);

  /** The WMS's webhook deliveries so far. */
  readonly deliveries = async (): Promise<Json[]> => (await this.call('GET', '/control/wms/events')).body.events as Json[];

  /** Waits until the WMS has delivered (or given up on) every event so far. */
  readonly settled = (): Promise<void> => waitFor(async () => (await this.deliveries()).every((d) => d.status !== 'pending'), 5_000, 'the pending events', 20);
}

/**
 * Test support: registers, for the describe block it is called in, a sandbox on an ephemeral port with its WMS
 * webhook pointed at a WebhookReceiver (beforeAll), back to its seed with nothing received before each test
 * (beforeEach, ahead of the block's own), and both closed after (afterAll).
 */
export function useWmsWebhookSandbox(): WmsWebhookSandbox {
  const sandbox = new WmsWebhookSandbox();
  let app: NestFastifyApplication | undefined;
  beforeAll(async () => {
    app = await createSandboxApp({ ...defaultSandboxConfig, port: 0 });
    sandbox.base = await app.getUrl();
    await sandbox.call('PUT', '/control/wms/webhook', { url: await sandbox.receiver.start() });
  });
  beforeEach(async () => {
    expect((await sandbox.call('POST', '/control/reset')).status).toBe(204);
    sandbox.receiver.reset();
  });
  afterAll(async () => {
    await app?.close();
    await sandbox.receiver.close();
  });
  return sandbox;
}
