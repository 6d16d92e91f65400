import { Logger } from '@nestjs/common';
import { baseUrlOf, initTracing, tracingConfigFromEnv } from '@platform';
import { startProcessApp } from './process.app.js';
import { processConfigFromEnv } from './process.config.js';

initTracing(tracingConfigFromEnv(process.env, 'process-apis'));
const app = await startProcessApp(processConfigFromEnv(process.env), { shutdownHooks: true });
new Logger('process-apis').log(`process APIs listening on ${await baseUrlOf(app)} (docs: ${await baseUrlOf(app)}/docs)`);
