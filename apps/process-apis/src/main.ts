import { Logger } from '@nestjs/common';
import { baseUrlOf } from '@platform';
import { startProcessApp } from './process.app.js';
import { processConfigFromEnv } from './process.config.js';

const app = await startProcessApp(processConfigFromEnv(process.env), { shutdownHooks: true });
new Logger('process-apis').log(`process APIs listening on ${await baseUrlOf(app)} (docs: ${await baseUrlOf(app)}/docs)`);
