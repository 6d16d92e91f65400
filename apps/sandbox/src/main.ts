import { pino } from 'pino';
import { createSandboxApp, sandboxConfigFromEnv } from './sandbox.app.js';

// The only place that reads process.env: everything else receives a SandboxConfig.
const logger = pino({ name: 'sandbox' });
const config = sandboxConfigFromEnv(process.env);
const app = await createSandboxApp(config);
const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
logger.info({ url, wmsWebhookUrl: config.wmsWebhookUrl ?? null }, `sandbox ERP/WMS/OMS listening on ${url}`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    logger.info(`${signal} received, closing`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while closing');
        process.exit(1);
      },
    );
  });
}
