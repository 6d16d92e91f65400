// The naive comparison stack (issue 13): what a team would build by hand, to set the gateway's figures
// against. Three NestJS apps on Express (bench/naive/*.ts, compiled by `npm run build` into
// dist/bench/naive/) in ONE child process, experience -> process -> system on three ports, chained
// with plain axios (the default agent, nothing tuned), reading the same sandbox as the real stack.
// One static bearer token instead of OAuth; no database, idempotency, reservations or outbox.
// 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(repoRoot, 'dist/bench/naive/main.js');
// USER_HZ, as bench/stack.mjs counts it
const CLOCK_TICKS = 100;
const running = new Set();
process.on('exit', () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});

/**
 * Starts the naive stack: experience on `firstPort`, process and system on the next two; the system app
 * calls the sandbox on `sandboxPort` (the real stack's). Resolves once GET /health answers.
 * Returns { ports, token, pid, pids, cpuSeconds(), rssBytes(), close() }.
 */
export async function startNaiveStack({ firstPort, sandboxPort, env = {}, nodeArgs = [] }) {
  if (!existsSync(entry)) throw new Error(`${path.relative(repoRoot, entry)} is missing: run npm run build`);
  const ports = { experience: firstPort, process: firstPort + 1, system: firstPort + 2 };
  const token = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NAIVE_EXPERIENCE_PORT: String(ports.experience),
      NAIVE_PROCESS_PORT: String(ports.process),
      NAIVE_SYSTEM_PORT: String(ports.system),
      NAIVE_SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
      NAIVE_TOKEN: token,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const proc = (file) => `/proc/${child.pid}/${file}`;
  const stack = {
    name: 'naive',
    ports,
    token,
    pid: child.pid,
    pids: [child.pid],
    /** CPU seconds (user + system) the naive stack's process has used so far; undefined where /proc is not there. */
    cpuSeconds() {
      if (!existsSync(proc('stat'))) return undefined;
      const text = readFileSync(proc('stat'), 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    /** Resident memory of the process now (VmRSS); undefined where /proc is not there. */
    rssBytes() {
      if (!existsSync(proc('status'))) return undefined;
      const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(proc('status'), 'utf8'))?.[1];
      return kb === undefined ? undefined : Number(kb) * 1024;
    },
    /** Stops the process (SIGTERM, SIGKILL after 5 s) and waits until it has exited. */
    async close() {
      running.delete(child);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the naive stack exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${ports.experience}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stack.close();
      throw new Error('the naive stack did not become ready in 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return stack;
}
