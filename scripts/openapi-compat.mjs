// npm run openapi:compat [-- <base ref>] [--accept="<reason>"] [--verbose]: fails when openapi/*.json breaks a client of the catalog at the base
// (the merge base with origin/main by default; HEAD~1 on main itself; OPENAPI_BASE_REF or the argument
// override it). The rules are docs/api-catalog.md's "Compatibility rules": breaking request, response,
// path and parameter changes fail everywhere, and under /b2b/v1/ (frozen, deprecated) only additions pass.
// Request and response bodies are compared by openapi-diff (Atlassian, json-schema-diff underneath);
// parameters, which it does not compare, by this script.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import openApiDiff from 'openapi-diff';

const FROZEN = /^\/b2b\/v1\//;
// the OpenAPI documents; asyncapi.json (the event catalog) is not one
const isOpenApi = (file) => file.endsWith('.json') && !path.basename(file).startsWith('asyncapi');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/**
 * The server refuses unknown request fields (forbidNonWhitelisted), so a request body is compared as the
 * closed object it really is: a new optional field then widens what is accepted (compatible) instead of
 * narrowing "anything goes" (which json-schema semantics would call breaking).
 */
function closeRequestSchemas(document) {
  const schemas = document.components?.schemas ?? {};
  const seen = new Set();
  const close = (schema) => {
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
    seen.add(schema);
    if (schema.$ref) return close(schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
    for (const child of [...Object.values(schema.properties ?? {}), schema.items, ...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])])
      close(child);
  };
  for (const item of Object.values(document.paths ?? {}))
    for (const method of METHODS) for (const media of Object.values(item[method]?.requestBody?.content ?? {})) close(media.schema);
  return document;
}

const operationsOf = (document) =>
  Object.entries(document.paths ?? {}).flatMap(([route, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ route, method, operation: item[method], shared: item.parameters ?? [] })),
  );

const resolveParameter = (document, parameter) => (parameter.$ref ? document.components?.parameters?.[parameter.$ref.split('/').pop()] : parameter);

/** Parameters openapi-diff leaves out: removed, newly required, or accepting fewer values than before. */
function parameterChanges(base, head) {
  const changes = [];
  const headOperations = new Map(operationsOf(head).map((entry) => [`${entry.method} ${entry.route}`, entry]));
  for (const before of operationsOf(base)) {
    const after = headOperations.get(`${before.method} ${before.route}`);
    if (!after) continue; // a removed operation is openapi-diff's method.remove / path.remove
    const params = (document, entry) =>
      new Map(
        [...entry.shared, ...(entry.operation.parameters ?? [])]
          .map((parameter) => resolveParameter(document, parameter))
          .filter((parameter) => parameter && parameter.in !== 'header')
          .map((parameter) => [`${parameter.in}:${parameter.name}`, parameter]),
      );
    const was = params(base, before);
    const now = params(head, after);
    const location = (key) => `paths.${before.route}.${before.method}.parameters.${key}`;
    for (const [key, parameter] of was) {
      const next = now.get(key);
      if (!next) changes.push({ code: 'parameter.remove', action: 'remove', breaking: true, location: location(key) });
      else {
        if (next.required && !parameter.required) changes.push({ code: 'parameter.required.add', action: 'remove', breaking: true, location: location(key) });
        const narrowed = narrowing(parameter.schema ?? {}, next.schema ?? {});
        if (narrowed) changes.push({ code: `parameter.schema.${narrowed}`, action: 'remove', breaking: true, location: location(key) });
      }
    }
    for (const [key, parameter] of now)
      if (!was.has(key)) changes.push({ code: 'parameter.add', action: 'add', breaking: Boolean(parameter.required), location: location(key) });
  }
  return changes;
}

/** What a parameter's new schema refuses that the old one accepted, if anything. */
function narrowing(was, now) {
  if ((was.type ?? now.type) !== now.type || (was.format ?? now.format) !== now.format) return 'type';
  if (now.enum && (!was.enum || was.enum.some((value) => !now.enum.includes(value)))) return 'enum';
  if (now.pattern && now.pattern !== was.pattern) return 'pattern';
  for (const [bound, tighter] of [
    ['minimum', (a, b) => b > a],
    ['maximum', (a, b) => b < a],
    ['minLength', (a, b) => b > a],
    ['maxLength', (a, b) => b < a],
  ])
    if (now[bound] !== undefined && (was[bound] === undefined || tighter(was[bound], now[bound]))) return bound;
  return undefined;
}

const locationsOf = (difference) => [...difference.sourceSpecEntityDetails, ...difference.destinationSpecEntityDetails].map((detail) => detail.location);
/** The path a location (`paths./b2b/v1/orders.post.requestBody…`) is under; paths may hold dots, so the longest known path wins. */
const routeOf = (location, routes) => routes.find((route) => location === `paths.${route}` || location.startsWith(`paths.${route}.`)) ?? '';

/**
 * The changes from `baseText` to `headText` (two OpenAPI 3 documents) that break a client: `{ breaking, compatible }`,
 * each a list of `{ code, location, reason }`.
 */
export async function compareSpecs(baseText, headText) {
  const base = closeRequestSchemas(JSON.parse(baseText));
  const head = closeRequestSchemas(JSON.parse(headText));
  const outcome = await openApiDiff.diffSpecs({
    sourceSpec: { content: JSON.stringify(base), location: 'base', format: 'openapi3' },
    destinationSpec: { content: JSON.stringify(head), location: 'head', format: 'openapi3' },
  });
  const differences = [
    ...(outcome.breakingDifferences ?? []).map((difference) => ({ ...difference, breaking: true })),
    ...outcome.nonBreakingDifferences.map((difference) => ({ ...difference, breaking: false })),
    ...outcome.unclassifiedDifferences.map((difference) => ({ ...difference, breaking: false, unclassified: true })),
  ].map((difference) => ({
    code: difference.code,
    action: difference.action,
    breaking: difference.breaking,
    unclassified: difference.unclassified,
    location: locationsOf(difference)[0] ?? '',
  }));
  const routes = [...new Set([...Object.keys(base.paths ?? {}), ...Object.keys(head.paths ?? {})])].sort((a, b) => b.length - a.length);
  const breaking = [];
  const compatible = [];
  for (const change of [...differences, ...parameterChanges(base, head)]) {
    const frozen = FROZEN.test(routeOf(change.location, routes));
    if (change.breaking) breaking.push({ ...change, reason: 'breaks existing clients' });
    else if (frozen && (change.action !== 'add' || change.unclassified)) breaking.push({ ...change, reason: 'B2B v1 is frozen: additions only' });
    else compatible.push(change);
  }
  return { breaking, compatible };
}

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const tryGit = (...args) => {
  try {
    return git(...args);
  } catch {
    return undefined;
  }
};

/** The commit to compare with: given, else the merge base with origin/main, else (on main itself) HEAD~1. */
export function baseRef(given = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? process.env.OPENAPI_BASE_REF) {
  if (given) return tryGit('rev-parse', '--verify', `${given}^{commit}`);
  const head = tryGit('rev-parse', 'HEAD');
  const mergeBase = tryGit('merge-base', 'HEAD', 'origin/main') ?? tryGit('merge-base', 'HEAD', 'main');
  if (mergeBase && mergeBase !== head) return mergeBase;
  return tryGit('rev-parse', '--verify', 'HEAD~1^{commit}');
}

/**
 * Breaking changes accepted on purpose (`.openapi-compat-allowed.json`): `[{ spec, code, location, reason }]`. Each is
 * a decision with its reason, recorded in docs/api-catalog-changelog.md too; remove it once merged, since it would
 * also let a later change of the same kind at the same place through (an entry that matches nothing is reported).
 */
export function loadAllowed(file = '.openapi-compat-allowed.json') {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
}

async function main() {
  // --accept="<reason>": record every breaking change found now in the allowed list, with that reason
  const accept = process.argv.find((arg) => arg.startsWith('--accept='))?.slice('--accept='.length);
  const verbose = process.argv.includes('--verbose');
  const allowed = loadAllowed();
  const used = new Set();
  const ref = baseRef();
  if (!ref) {
    console.log('openapi:compat: no base commit to compare with (no origin/main, no parent): skipped');
    return;
  }
  const dir = path.resolve('openapi');
  const files = readdirSync(dir).filter(isOpenApi);
  const baseFiles = (tryGit('ls-tree', '--name-only', ref, 'openapi/') ?? '').split('\n').filter(isOpenApi);
  let failed = 0;
  for (const removed of baseFiles.map((file) => path.basename(file)).filter((file) => !files.includes(file))) {
    console.error(`openapi/${removed}: removed, every client of it breaks`);
    failed++;
  }
  for (const file of files) {
    const baseText = tryGit('show', `${ref}:openapi/${file}`);
    if (baseText === undefined) {
      console.log(`openapi/${file}: new since ${ref.slice(0, 12)}`);
      continue;
    }
    const { breaking, compatible } = await compareSpecs(baseText, readFileSync(path.join(dir, file), 'utf8'));
    let refused = 0;
    for (const change of breaking) {
      const allowance = allowed.find((entry) => entry.spec === file && entry.code === change.code && entry.location === change.location);
      if (!allowance && accept) {
        allowed.push({ spec: file, code: change.code, location: change.location, reason: accept });
        console.log(`openapi/${file}: accepted ${change.code} at ${change.location}`);
      } else if (allowance) {
        used.add(allowance);
        if (verbose) console.log(`openapi/${file}: allowed ${change.code} at ${change.location}: ${allowance.reason}`);
      } else {
        console.error(`openapi/${file}: BREAKING ${change.code} at ${change.location} (${change.reason})`);
        refused++;
      }
    }
    console.log(
      `openapi/${file}: ${refused} breaking, ${breaking.length - refused} allowed, ${compatible.length} compatible change(s) since ${ref.slice(0, 12)}`,
    );
    failed += refused;
  }
  if (accept) writeFileSync('.openapi-compat-allowed.json', `${JSON.stringify(allowed, null, 2)}\n`);
  for (const entry of allowed.filter((entry) => !used.has(entry) && entry.reason !== accept))
    console.log(`openapi:compat: .openapi-compat-allowed.json entry ${entry.code} at ${entry.location} matches nothing since the base: remove it`);
  if (failed) {
    console.error('openapi:compat: breaking changes; see docs/api-catalog.md (compatibility rules) for how to version instead');
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
