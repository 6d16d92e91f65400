import { parentPort, workerData } from 'node:worker_threads';
import { baseUrlOf, initTracing, tracingConfigFromEnv } from '@platform';
import { type EmbeddedApp, startEmbeddedApp } from './embedded.apps.js';

/**
 * An app of the embedded stack on a thread of its own (main.ts starts the experience layer so):
 * tells the launcher its URL once it is up, and closes the app when the launcher says `close`.
 * A failed start throws, which ends the worker and, through the launcher, the stack. Its
 * process.env is the launcher's computed environment (the Worker's `env` option).
 */
const { app: name } = workerData as { app: EmbeddedApp };
const env = process.env;
const port = parentPort;
if (!port) throw new Error('app.worker.js runs as a worker thread of the embedded launcher');
// every thread has its own tracer provider; spans still name their app (gateway.app)
initTracing(tracingConfigFromEnv(env, 'gateway'));
const app = await startEmbeddedApp(name, env);
port.on('message', (message: unknown) => {
  if (message !== 'close') return;
  void app.close().finally(() => port.close());
});
port.postMessage({ up: await baseUrlOf(app) });
