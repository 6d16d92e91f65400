import { Logger } from '@nestjs/common';
import { baseUrlOf, initTracing, tracingConfigFromEnv } from '@platform';
import { startSystemApp } from './system.app.js';
import { systemConfigFromEnv } from './system.config.js';

initTracing(tracingConfigFromEnv(process.env, 'system-apis'));
const app = await startSystemApp(systemConfigFromEnv(process.env), { shutdownHooks: true });
new Logger('SystemApis').log(`System APIs listening on ${await baseUrlOf(app)} (OpenAPI at /docs)`);
