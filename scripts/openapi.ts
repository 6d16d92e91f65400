import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildAsyncApiDocument } from '@contracts';
import { buildOpenApiDocument, generateServiceKeys, type HttpAppOptions } from '@platform';
import { createExperienceApp, experienceDocs } from '../apps/experience-apis/src/experience.app.js';
import { experienceConfigFromEnv } from '../apps/experience-apis/src/experience.config.js';
import { createProcessApp, processDocs } from '../apps/process-apis/src/process.app.js';
import { processConfigFromEnv } from '../apps/process-apis/src/process.config.js';
import { createSystemApp, systemDocs } from '../apps/system-apis/src/system.app.js';
import { systemConfigFromEnv } from '../apps/system-apis/src/system.config.js';

/**
 * Writes each layer's OpenAPI document into openapi/ from the code (controllers and DTOs), and the
 * event catalog (openapi/asyncapi.json) from the event contracts.
 * `--check` compares instead, failing when the committed catalog is stale.
 */
const check = process.argv.includes('--check');
// throw-away keys: distributed-mode configs refuse to start without them, and the documents do not depend on them
const env = {
  DATA_DIR: 'memory://openapi',
  LOG_LEVEL: 'silent',
  SERVICE_TOKEN_KEYS: generateServiceKeys('openapi'),
  WMS_WEBHOOK_SECRET: 'openapi-wms-webhook-secret-0123456789',
};
const outDir = path.resolve('openapi');
const apps: [string, () => Promise<NestFastifyApplication>, HttpAppOptions['docs']][] = [
  ['experience-apis', () => createExperienceApp(experienceConfigFromEnv(env)), experienceDocs],
  ['process-apis', () => createProcessApp(processConfigFromEnv(env)), processDocs],
  ['system-apis', () => createSystemApp(systemConfigFromEnv(env)), systemDocs],
];

mkdirSync(outDir, { recursive: true });
let stale = 0;
function emit(name: string, document: string, count: string): void {
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
    console.log(`wrote openapi/${name}.json (${count})`);
  }
}
for (const [name, create, docs] of apps) {
  const app = await create();
  const document = buildOpenApiDocument(app, docs);
  // the event catalog's schemas come from the contract classes, through the same generator
  const events = name === 'process-apis' ? buildAsyncApiDocument(app) : undefined;
  await app.close();
  emit(name, `${JSON.stringify(document, null, 2)}\n`, `${Object.keys(document.paths).length} paths`);
  if (events) emit('asyncapi', `${JSON.stringify(events, null, 2)}\n`, `${Object.keys(events.channels as object).length} channels`);
}
if (stale) process.exit(1);
if (check) console.log('openapi/ matches the code');
