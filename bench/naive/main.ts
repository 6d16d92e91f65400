// The naive comparison stack in one process: three NestJS apps on Express, each on its own port,
// experience -> process -> system -> the sandbox, chained over HTTP with plain axios.
// Started by bench/naive/index.mjs (startNaiveStack); the environment it reads is in common.ts.
import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { config } from './common.js';
import { NaiveExperienceModule } from './experience.js';
import { NaiveProcessModule } from './process.js';
import { NaiveSystemModule } from './system.js';

async function start(module: object, port: number): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: ['error', 'warn'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  await app.listen(port, '127.0.0.1');
  return app;
}

const apps = [
  await start(NaiveSystemModule, config.ports.system),
  await start(NaiveProcessModule, config.ports.process),
  await start(NaiveExperienceModule, config.ports.experience),
];
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void Promise.allSettled(apps.map((app) => app.close())).then(() => process.exit(0));
  });
}
