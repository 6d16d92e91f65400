import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { baseUrlOf, booleanFlag, initTracing, readEnv, tracingConfigFromEnv } from '@platform';
import { z } from 'zod';
import { processConfigFromEnv } from '../../process-apis/src/process.config.js';
import { demoClientLines, EMBEDDED_APP_TITLES, EMBEDDED_APPS, type EmbeddedApp, embeddedEnv, startEmbeddedApp } from './embedded.apps.js';

/**
 * Embedded mode: the sandbox backends and the three layers in one process, each on its own port
 * and talking real HTTP, state in PGlite under DATA_DIR. The launcher is the one place that knows
 * all apps; the apps themselves never import each other.
 *
 * The experience layer (the edge) runs on a worker thread of its own, the rest on this one
 * (EMBEDDED_EDGE_THREAD=false: all here). PGlite runs each statement synchronously on its
 * thread, so on one thread a partner's cached availability read waited behind the order path's
 * statements: p99 35 ms while 10 orders/s were placed, 14 ms with the edge apart, and order intake
 * rose from 36 to 45-50/s (bench/run.mjs, docs/performance.md). The process layer on a thread of
 * its own measured slower (30/s), so it stays here.
 */
const logger = new Logger('gateway');
const env = embeddedEnv(process.env);
const { EMBEDDED_EDGE_THREAD: edgeThread } = readEnv(z.object({ EMBEDDED_EDGE_THREAD: booleanFlag(true) }), env);
const onOwnThread = (name: EmbeddedApp) => edgeThread && name === 'experience';
const WORKER_CLOSE_MS = 15_000;

interface RunningApp {
  readonly url: string;
  close(): Promise<void>;
}

const started: RunningApp[] = [];
let stopping = false;

async function startHere(name: EmbeddedApp): Promise<RunningApp> {
  const app = await startEmbeddedApp(name, env);
  return { url: await baseUrlOf(app), close: () => app.close() };
}

function startOnThread(name: EmbeddedApp): Promise<RunningApp> {
  const title = EMBEDDED_APP_TITLES[name];
  const worker = new Worker(new URL('./app.worker.js', import.meta.url), { workerData: { app: name }, env });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const close = async (): Promise<void> => {
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), WORKER_CLOSE_MS);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let up = false;
    worker.once('message', (message: { up: string }) => {
      up = true;
      resolve({ url: message.up, close });
    });
    // before it is up, the start-up's catch reports the error; after, it is reported here
    worker.on('error', (error) => (up ? logger.error(`${title} failed: ${error.stack ?? error.message}`) : reject(error)));
    // an app that ends on its own takes the stack with it, rather than leave a gateway with a hole
    void exited.then((code) => {
      if (!up) reject(new Error(`${title} ended during start-up (exit code ${code})`));
      else if (!stopping) {
        logger.error(`${title} ended (exit code ${code}): closing the other apps`);
        void shutdown(1);
      }
    });
  });
}

const urls: Partial<Record<EmbeddedApp, string>> = {};
try {
  // this thread's tracer provider (the edge thread has its own); spans name their app (gateway.app)
  initTracing(tracingConfigFromEnv(env, 'gateway'));
  for (const name of EMBEDDED_APPS) {
    const app = await (onOwnThread(name) ? startOnThread(name) : startHere(name));
    started.unshift(app);
    urls[name] = app.url;
    logger.log(`${EMBEDDED_APP_TITLES[name]} up on ${app.url}${onOwnThread(name) ? ' (own thread)' : ''}`);
  }
  const database = processConfigFromEnv(env).database;
  const partners = demoClientLines(env);
  process.stdout.write(
    [
      '',
      'Distribution gateway (embedded mode) is up:',
      `  experience APIs  ${urls.experience}   docs ${urls.experience}/docs   catalog ${urls.experience}/catalog   metrics ${urls.experience}/metrics`,
      `  process APIs     ${urls.process}   docs ${urls.process}/docs   metrics ${urls.process}/metrics`,
      `  system APIs      ${urls.system}   docs ${urls.system}/docs   metrics ${urls.system}/metrics`,
      `  sandbox          ${urls.sandbox}   (ERP, WMS, OMS emulators and /control)`,
      `  data             ${database.url ? 'PostgreSQL' : `PGlite under ${database.dataDir.replace(/\/process$/, '')}`}`,
      '',
      'Demo clients (OAuth2 client credentials; `ops` is the operator of the /ops routes of every layer):',
      ...(partners.length ? partners : ['  (none: SEED_DEMO_PARTNERS=false)']),
      '',
      `Try: curl -s -X POST ${urls.experience}/oauth/token -d grant_type=client_credentials -d client_id=acme -d client_secret=acme-demo-secret`,
      '',
    ].join('\n'),
  );
} catch (error) {
  logger.error(`start-up failed: ${(error as Error).message}`);
  await shutdown(1);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // top layer first, so nothing accepts work whose downstream has already gone
  for (const app of started.splice(0)) await app.close().catch(() => undefined);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.log(`${signal}: closing the apps`);
    void shutdown(0);
  });
}
