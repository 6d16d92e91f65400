import { Logger } from '@nestjs/common';
import { baseUrlOf, initTracing, tracingConfigFromEnv } from '@platform';
import { startExperienceApp } from './experience.app.js';
import { experienceConfigFromEnv } from './experience.config.js';

initTracing(tracingConfigFromEnv(process.env, 'experience-apis'));
const app = await startExperienceApp(experienceConfigFromEnv(process.env), { shutdownHooks: true });
const url = await baseUrlOf(app);
new Logger('experience-apis').log(`experience APIs listening on ${url} (docs: ${url}/docs, catalog: ${url}/catalog)`);
