// npm run openapi:compat [-- <base ref>] [--accept="<reason>"] [--verbose]: fails when openapi/*.json breaks a client of the catalog at the base
// (the merge base with origin/main by default; HEAD~1 on main itself; OPENAPI_BASE_REF or the argument
// override it). The rules are docs/catalog.md's "Compatibility rules": breaking request, response,
// path and parameter changes fail everywhere, and under /b2b/v1/ (frozen, deprecated) only additions pass.
// Request and response bodies are compared by openapi-diff (Atlassian, json-schema-diff underneath);
// parameters, which it does not compare, by this script; and the event catalog (asyncapi.json), which
// openapi-diff does not read, by this script too: channels, messages, their payloads and headers.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import openApiDiff from 'openapi-diff';

const FROZEN = /^\/b2b\/v1\//;
// the OpenAPI documents and the event catalog (asyncapi.json)
const isCatalog = (file) => file.endsWith('.json');
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
    ['minItems', (a, b) => b > a],
    ['maxItems', (a, b) => b < a],
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

/** A schema with its `$ref` followed and its `allOf` merged: the properties and required fields of all its parts. */
function flattened(document, schema) {
  // none (a message without headers): nothing to compare
  if (!schema || typeof schema !== 'object') return { properties: {}, required: [] };
  if (schema.$ref) return flattened(document, document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]);
  const { allOf, ...own } = schema;
  const parts = [own, ...(allOf ?? []).map((part) => flattened(document, part))];
  return Object.assign({}, ...parts, {
    properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
    required: [...new Set(parts.flatMap((part) => part.required ?? []))],
  });
}

/**
 * What a message schema's new version breaks, per docs/catalog.md (event catalog): a property removed (consumers
 * read it), a property newly required, or a value refused that was accepted (producers of the old version still
 * publish during a rolling deploy; a partner's test double sends old bodies), or a new enum value (consumers switch on it).
 */
function schemaChanges(base, head, was, now, location, prefix, changes, depth = 0) {
  was = flattened(base, was);
  now = flattened(head, now);
  if (depth > 20) return changes;
  const change = (code, breaking, at = location) => changes.push({ code: `${prefix}.${code}`, action: breaking ? 'remove' : 'add', breaking, location: at });
  const narrowed = narrowing(was, now);
  if (narrowed) change(`schema.${narrowed}`, true);
  if (was.nullable && !now.nullable) change('schema.nullable', true);
  if (was.enum && now.enum && now.enum.some((value) => !was.enum.includes(value))) change('schema.enum.add', true);
  for (const [name, property] of Object.entries(was.properties)) {
    const at = location ? `${location}.${name}` : name;
    if (!now.properties[name]) change('property.remove', true, at);
    else schemaChanges(base, head, property, now.properties[name], at, prefix, changes, depth + 1);
  }
  for (const name of Object.keys(now.properties).filter((name) => !was.properties[name]))
    change(now.required.includes(name) ? 'required.add' : 'property.add', now.required.includes(name), location ? `${location}.${name}` : name);
  for (const name of now.required.filter((name) => !was.required.includes(name) && was.properties[name]))
    change('required.add', true, location ? `${location}.${name}` : name);
  if (was.items && now.items) schemaChanges(base, head, was.items, now.items, `${location}[]`, prefix, changes, depth + 1);
  return changes;
}

/** Each channel's messages by operation and name: `publish.OrderShippedV1` -> the message, its $ref followed. */
function messagesOf(document, channel) {
  const messages = new Map();
  for (const operation of ['subscribe', 'publish']) {
    const message = channel[operation]?.message;
    for (const entry of message?.oneOf ?? (message ? [message] : [])) {
      const name = entry.$ref ? entry.$ref.split('/').pop() : entry.name;
      messages.set(`${operation}.${name}`, entry.$ref ? document.components?.messages?.[name] : entry);
    }
  }
  return messages;
}

/**
 * The changes from `baseText` to `headText` (two AsyncAPI 2 documents) that break a consumer or a producer:
 * `{ breaking, compatible }`, each a list of `{ code, location, reason }`, like compareSpecs.
 */
export function compareAsyncApi(baseText, headText) {
  const base = JSON.parse(baseText);
  const head = JSON.parse(headText);
  const changes = [];
  for (const [name, channel] of Object.entries(base.channels ?? {})) {
    const next = head.channels?.[name];
    if (!next) {
      changes.push({ code: 'channel.remove', action: 'remove', breaking: true, location: `channels.${name}` });
      continue;
    }
    const was = messagesOf(base, channel);
    const now = messagesOf(head, next);
    for (const [key, message] of was) {
      const location = `channels.${name}.${key.replace('.', '.message.')}`;
      if (!now.has(key)) changes.push({ code: 'message.remove', action: 'remove', breaking: true, location });
      else for (const part of ['payload', 'headers']) schemaChanges(base, head, message?.[part], now.get(key)?.[part], `${location}.${part}`, part, changes);
    }
    for (const key of [...now.keys()].filter((key) => !was.has(key)))
      changes.push({ code: 'message.add', action: 'add', breaking: false, location: `channels.${name}.${key.replace('.', '.message.')}` });
  }
  for (const name of Object.keys(head.channels ?? {}).filter((name) => !base.channels?.[name]))
    changes.push({ code: 'channel.add', action: 'add', breaking: false, location: `channels.${name}` });
  return {
    breaking: changes.filter((change) => change.breaking).map((change) => ({ ...change, reason: 'breaks existing consumers or producers' })),
    compatible: changes.filter((change) => !change.breaking),
  };
}

/** Either kind of catalog document, told apart by its first field. */
const compareDocuments = async (baseText, headText) => (JSON.parse(headText).asyncapi ? compareAsyncApi(baseText, headText) : compareSpecs(baseText, headText));

// maxBuffer: the experience catalog is past execFileSync's 1 MiB default, and an overflow must not read as "new file"
const git = (...args) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
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
  const files = readdirSync(dir).filter(isCatalog);
  const baseFiles = (tryGit('ls-tree', '--name-only', ref, 'openapi/') ?? '').split('\n').filter(isCatalog);
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
    const { breaking, compatible } = await compareDocuments(baseText, readFileSync(path.join(dir, file), 'utf8'));
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
    console.error('openapi:compat: breaking changes; see docs/catalog.md (compatibility rules) for how to version instead');
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
