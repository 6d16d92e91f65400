/**
 * Which code may import which, checked by `npm run lint:deps` (part of `npm run lint`, so CI
 * enforces it). Organised by app: the layers first, then one section per app listing its
 * contexts and the contexts each may import. The module map in docs/architecture.md says the same
 * in prose; change both together.
 *
 * Specs and test kits (`testing/` folders) are left out of the context rules: they start the real
 * neighbours and share fixtures across contexts.
 */

const TESTS = '(\\.spec\\.ts$|\\.e2e-spec\\.ts$|/testing/)';

// ---------------------------------------------------------------------------------------------
// Layers: apps share code only through libs/; libs never import apps.
// (ESLint checks the same on import specifiers; this checks the resolved files.)
// ---------------------------------------------------------------------------------------------
const layers = [
  {
    name: 'apps-never-import-each-other',
    comment: 'Apps share code only through libs/ (@contracts, @platform). The embedded launcher and the tests are the only places that know every app.',
    severity: 'error',
    from: { path: '^apps/(experience-apis|process-apis|system-apis|sandbox)/', pathNot: TESTS },
    to: { path: '^apps/', pathNot: '^apps/$1/' },
  },
  {
    name: 'libs-never-import-apps',
    severity: 'error',
    from: { path: '^libs/', pathNot: TESTS },
    to: { path: '^apps/' },
  },
];

// ---------------------------------------------------------------------------------------------
// apps/process-apis: one folder and one Nest module per context. A context may import its own
// folder, the contexts listed here, and the app's config (process.config.ts); nothing else.
// Ordering is on top; the contexts below reach orders through ports they own (see docs).
// ---------------------------------------------------------------------------------------------
const processContexts = {
  catalog: [],
  messaging: [],
  security: [],
  infrastructure: [],
  accounts: [],
  'channel-events': ['messaging'],
  promising: ['catalog'],
  // channel-events: the experience layer's client, for the availability signals its cache is dropped by
  availability: ['catalog', 'promising', 'channel-events'],
  billing: ['channel-events', 'messaging'],
  fulfillment: ['promising', 'billing', 'channel-events', 'messaging'],
  ordering: ['catalog', 'promising', 'fulfillment', 'billing', 'channel-events', 'messaging', 'returns'],
  events: ['ordering', 'promising', 'fulfillment', 'billing', 'messaging', 'returns'],
  // on top, beside events: repairs go through promising's projection, the inbound events' path (a re-fetched
  // shipment is applied as a delivered event, under fulfillment's re-fetch id) and billing's issuer; nothing imports it
  reconciliation: ['promising', 'fulfillment', 'billing', 'events'],
  operations: ['ordering', 'fulfillment', 'billing', 'messaging', 'returns'],
  // reads orders and shipments with SQL of its own (as the channel events' writer does), so it imports no order context
  returns: ['catalog', 'channel-events', 'messaging'],
};

const PROCESS = '^apps/process-apis/src/';

const processRules = [
  ...Object.entries(processContexts).map(([context, allowed]) => ({
    name: `process-apis:${context}`,
    comment: allowed.length
      ? `process-apis/${context} may import only ${allowed.join(', ')} (and process.config.ts).`
      : `process-apis/${context} imports no other context (only process.config.ts).`,
    severity: 'error',
    from: { path: `${PROCESS}${context}/`, pathNot: TESTS },
    // any other folder of the app, known or new: a new context gets its line above first
    to: { path: `${PROCESS}(?!(?:${[context, ...allowed].join('|')})/)[^/]+/` },
  })),
  {
    name: 'process-apis:root-files',
    comment: 'The root module, the app factory and main compose the contexts; no context imports them.',
    severity: 'error',
    from: { path: `${PROCESS}[^/]+/`, pathNot: TESTS },
    to: { path: `${PROCESS}(process-apis\\.module|process\\.app|main)\\.ts$` },
  },
  {
    name: 'process-apis:no-cycles',
    severity: 'error',
    from: { path: PROCESS, pathNot: TESTS },
    to: { circular: true },
  },
];

// ---------------------------------------------------------------------------------------------
// apps/experience-apis: which context may import which, and only through its public files.
// ---------------------------------------------------------------------------------------------
const EXPERIENCE = 'apps/experience-apis/src';

/**
 * Per context: the contexts it may import, and its public files (relative to the context folder,
 * without `.ts`), the only ones another context may import. The app's root files (the module,
 * app, config, main) wire everything and are not bound by these rules; every context may read the
 * config (`experience.config.ts`). Specs and `testing/` kits may reach further.
 */
const experienceContexts = {
  auth: {
    // the token endpoint's rate limit and failure limiter
    imports: ['rate-limits'],
    // clients/…: EDI onboards a trading partner's OAuth client through the client onboarding (and audits in its log)
    public: [
      'auth.module',
      'partner-auth.guard',
      'partner-api.decorator',
      'partner.repository',
      'basic-credentials',
      'clients/client-onboarding.service',
      'clients/onboarding.dto',
      'audit/security-audit.service',
    ],
  },
  'rate-limits': {
    // the client a verified token names (a type) and the Basic credentials the token endpoint is claimed with
    imports: ['auth'],
    public: ['rate-limits.module', 'api-rate-limited.decorator', 'rate-limit.interceptor', 'token-failures.interceptor'],
  },
  idempotency: { imports: [], public: ['idempotency.module', 'idempotency.service', 'idempotent.decorator'] },
  'channel-events': { imports: [], public: ['channel-events.module', 'channel-event.handler'] },
  b2b: {
    // channel-events: the availability cache is dropped by the process layer's availability signals
    imports: ['auth', 'idempotency', 'rate-limits', 'channel-events'],
    // the v1 deprecation policy, also applied to the webhooks' v1 paths; the availability signals' handler
    public: [
      'b2b.module',
      'versioning/b2b-versions',
      'versioning/v1-deprecation.interceptor',
      'versioning/deprecated-v1.decorator',
      'availability/availability-signal.handler',
    ],
  },
  crm: { imports: ['auth', 'rate-limits'], public: ['crm.module'] },
  edi: { imports: ['auth', 'rate-limits', 'channel-events'], public: ['edi.module', 'edi.controller', 'outbound/edi-outbound.handler', 'outbound/edi-order-trail'] },
  webhooks: {
    imports: ['auth', 'idempotency', 'rate-limits', 'channel-events', 'b2b'],
    public: ['webhooks.module', 'events/webhooks.channel-event.handler', 'ops/webhook-order-trail'],
  },
  infrastructure: { imports: [], public: ['experience-infrastructure.module', 'migrations'] },
  // the index reads B2B v1's deprecation and sunset dates from the B2B version policy
  catalog: { imports: ['b2b'], public: ['catalog.module', 'catalog.service'] },
  operations: { imports: ['auth', 'edi', 'webhooks'], public: ['operations.module'] },
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const notTests = ['\\.spec\\.ts$', '/testing/'];
const experienceNames = Object.keys(experienceContexts);

const experienceApisRules = [
  ...Object.entries(experienceContexts).map(([context, { imports }]) => {
    const forbidden = experienceNames.filter((other) => other !== context && !imports.includes(other));
    return {
      name: `experience-apis/${context}-imports`,
      comment: `experience-apis: ${context} may import ${imports.length ? imports.join(', ') : 'no other context'} (docs/architecture.md, Module map).`,
      severity: 'error',
      from: { path: `^${escape(EXPERIENCE)}/${escape(context)}/`, pathNot: notTests },
      to: { path: `^${escape(EXPERIENCE)}/(${forbidden.map(escape).join('|')})/` },
    };
  }),
  ...Object.entries(experienceContexts).map(([context, { public: files }]) => ({
    name: `experience-apis/${context}-public`,
    comment: `experience-apis: other contexts import ${context} only through ${files.join(', ')}.`,
    severity: 'error',
    from: { path: `^${escape(EXPERIENCE)}/[^/]+/`, pathNot: [`^${escape(EXPERIENCE)}/${escape(context)}/`, ...notTests] },
    to: { path: `^${escape(EXPERIENCE)}/${escape(context)}/`, pathNot: `^${escape(EXPERIENCE)}/${escape(context)}/(${files.map(escape).join('|')})\\.ts$` },
  })),
  {
    name: 'experience-apis/no-circular',
    comment: 'experience-apis: no import cycles between files.',
    severity: 'error',
    from: { path: `^${escape(EXPERIENCE)}/` },
    to: { circular: true },
  },
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [...layers, ...processRules, ...experienceApisRules],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.dist-e2e-[0-9]+|node_modules|coverage)/' },
    // type-only imports count: a port's types tie two contexts as much as a class does
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
