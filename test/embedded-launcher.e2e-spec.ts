import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { call, eventually, order, tokenFor } from './support/http.js';
import { buildDist, builtMain, removeDist } from './support/process-child.js';
import { freePort } from './support/stack.js';

/**
 * `npm start`'s launcher (apps/embedded), built and run as a user runs it: the four apps in one
 * process with the experience layer on a worker thread of its own. Always on PGlite under a folder
 * of the test's own: the launcher is under test here, the backends are covered by the other suites.
 */
class Launcher {
  readonly exited: Promise<number | null>;
  output = '';
  private readonly dataDir = mkdtempSync(path.join(os.tmpdir(), 'gateway-launcher-'));
  private readonly child: ChildProcess;

  constructor(
    readonly ports: { experience: number; process: number; system: number; sandbox: number },
    env: NodeJS.ProcessEnv = {},
  ) {
    this.child = spawn(process.execPath, ['--enable-source-maps', builtMain('embedded')], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: this.dataDir,
        EXPERIENCE_PORT: String(ports.experience),
        PROCESS_PORT: String(ports.process),
        SYSTEM_PORT: String(ports.system),
        SANDBOX_PORT: String(ports.sandbox),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.output += chunk.toString());
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  static async freePorts(): Promise<Launcher['ports']> {
    return { experience: await freePort(), process: await freePort(), system: await freePort(), sandbox: await freePort() };
  }

  get experienceUrl(): string {
    return `http://127.0.0.1:${this.ports.experience}`;
  }

  /** Waits for the banner that says the stack is up (or for the launcher to end). */
  async up(): Promise<void> {
    const ended = () => this.child.exitCode !== null;
    await eventually(
      () => this.output.includes('Distribution gateway (embedded mode) is up') || ended(),
      (done) => done,
      90_000,
      100,
    );
    if (ended()) throw new Error(`the launcher ended with ${this.child.exitCode} at start: ${this.output}`);
  }

  /** SIGTERM, as Ctrl-C or a service manager stops it; the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }

  dispose(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

describe('npm start: the embedded launcher', () => {
  const launchers: Launcher[] = [];
  const launch = async (env: NodeJS.ProcessEnv = {}) => {
    const launcher = new Launcher(await Launcher.freePorts(), env);
    launchers.push(launcher);
    return launcher;
  };

  beforeAll(async () => {
    await buildDist();
  }, 120_000);
  afterAll(async () => {
    for (const launcher of launchers) launcher.dispose();
    removeDist();
  });

  it('runs the experience layer on its own thread, serves a partner end to end and stops cleanly on SIGTERM', async () => {
    const stack = await launch();
    await stack.up();
    expect(stack.output).toMatch(/experience APIs up on http:\/\/127\.0\.0\.1:\d+ \(own thread\)/);
    expect(stack.output).not.toMatch(/process APIs up on \S+ \(own thread\)/);
    // the edge thread's answers: a token, a read through the process layer, an order through every layer
    const acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    const auth = { authorization: `Bearer ${acme}` };
    const availability = await call(`${stack.experienceUrl}/b2b/v2/availability?sku=SKU-1001&quantity=1`, { headers: auth });
    expect(availability.status).toBe(200);
    const placed = await call(`${stack.experienceUrl}/b2b/v2/orders`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': 'launcher-1' },
      body: order('LAUNCHER-1', [{ sku: 'SKU-1001', quantity: 1 }]),
    });
    expect(placed.status).toBe(201);
    const read = await call(`${stack.experienceUrl}/b2b/v2/orders/${placed.body.orderId}`, { headers: auth });
    expect(read.status).toBe(200);
    expect(read.body.purchaseOrderNumber).toBe('LAUNCHER-1');

    await expect(stack.stop()).resolves.toBe(0);
    expect(stack.output).toContain('SIGTERM: closing the apps');
    // every port is free again: nothing of the stack outlives the launcher
    for (const port of Object.values(stack.ports)) await expect(listenOn(port).then(closeServer)).resolves.toBeUndefined();
  }, 150_000);

  it('EMBEDDED_EDGE_THREAD=false runs every app on the launcher thread', async () => {
    const stack = await launch({ EMBEDDED_EDGE_THREAD: 'false' });
    await stack.up();
    expect(stack.output).not.toContain('(own thread)');
    const acme = await tokenFor(stack.experienceUrl, 'acme', 'acme-demo-secret');
    const availability = await call(`${stack.experienceUrl}/b2b/v2/availability?sku=SKU-1001&quantity=1`, { headers: { authorization: `Bearer ${acme}` } });
    expect(availability.status).toBe(200);
    await expect(stack.stop()).resolves.toBe(0);
  }, 150_000);

  it('refuses an EMBEDDED_EDGE_THREAD that is not true or false, naming it', async () => {
    const stack = await launch({ EMBEDDED_EDGE_THREAD: 'yes' });
    await expect(stack.exited).resolves.not.toBe(0);
    expect(stack.output).toContain('EMBEDDED_EDGE_THREAD');
    expect(stack.output).toContain("must be 'true' or 'false'");
  }, 60_000);

  it('an edge thread that cannot start (its port taken) ends the launcher with 1 after closing the apps it started', async () => {
    const ports = await Launcher.freePorts();
    // a squatter that hangs up on whoever connects (the process layer calls the edge's URL)
    const squatter = await listenOn(ports.experience, (socket) => socket.destroy());
    try {
      const stack = new Launcher(ports);
      launchers.push(stack);
      await expect(stack.exited).resolves.toBe(1);
      expect(stack.output).toMatch(/start-up failed: .*EADDRINUSE/);
      expect(stack.output).toContain('process APIs up on');
      // the apps that were up are closed, not left behind
      for (const port of [ports.process, ports.system, ports.sandbox]) await expect(listenOn(port).then(closeServer)).resolves.toBeUndefined();
    } finally {
      await closeServer(squatter);
    }
  }, 150_000);
});

function listenOn(port: number, onConnection?: (socket: Socket) => void): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(onConnection);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
