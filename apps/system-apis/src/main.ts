import { Logger } from '@nestjs/common';
import { baseUrlOf } from '@platform';
import { startSystemApp } from './system.app.js';
import { systemConfigFromEnv } from './system.config.js';

const app = await startSystemApp(systemConfigFromEnv(process.env), { shutdownHooks: true });
new Logger('SystemApis').log(`System APIs listening on ${await baseUrlOf(app)} (OpenAPI at /docs)`);
