import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildOpenApiDocument } from '@platform';
import { createExperienceApp, experienceDocs } from '../apps/experience-apis/src/experience.app.js';
import { experienceConfigFromEnv } from '../apps/experience-apis/src/experience.config.js';
import { createProcessApp, processDocs } from '../apps/process-apis/src/process.app.js';
import { processConfigFromEnv } from '../apps/process-apis/src/process.config.js';
import { createSystemApp, systemDocs } from '../apps/system-apis/src/system.app.js';
import { systemConfigFromEnv } from '../apps/system-apis/src/system.config.js';

/**
 * Writes each layer's OpenAPI document into openapi/ from the code (controllers and DTOs).
 * `--check` compares instead, failing when the committed catalog is stale.
 */
const check = process.argv.includes('--check');
const env = { DATA_DIR: 'memory://openapi', LOG_LEVEL: 'silent' };
const outDir = path.resolve('openapi');
const apps: [string, () => Promise<NestFastifyApplication>, { title: string; description: string; version: string }][] = [
  ['experience-apis', () => createExperienceApp(experienceConfigFromEnv(env)), experienceDocs],
  ['process-apis', () => createProcessApp(processConfigFromEnv(env)), processDocs],
  ['system-apis', () => createSystemApp(systemConfigFromEnv(env)), systemDocs],
];

mkdirSync(outDir, { recursive: true });
let stale = 0;
for (const [name, create, docs] of apps) {
  const app = await create();
  const document = `${JSON.stringify(buildOpenApiDocument(app, docs), null, 2)}\n`;
  await app.close();
  const file = path.join(outDir, `${name}.json`);
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (committed !== document) {
      stale++;
      console.error(`openapi/${name}.json is stale: run npm run openapi and commit it`);
    }
  } else {
    writeFileSync(file, document);
    console.log(`wrote openapi/${name}.json (${Object.keys(JSON.parse(document).paths).length} paths)`);
  }
}
if (stale) process.exit(1);
if (check) console.log('openapi/ matches the code');
