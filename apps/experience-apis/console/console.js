// The operations console: logs an operator in with the gateway's OAuth2 token endpoint (client
// credentials, scope ops) and drives the ops APIs of this origin with that token. Data is only ever
// written into the page as text (never as HTML): orders, errors and partner names come from outside.
'use strict';

const TOKEN_KEY = 'gateway-ops-token';
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  return node;
}

const time = (iso) => (iso ? new Date(iso).toLocaleString() : '');

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
  }
}

async function api(path, options = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const response = await fetch(path, {
    method: options.method || 'GET',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(options.body ? { 'content-type': 'application/json' } : {}) },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  const body = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (response.status === 401) {
    logout('Your session has ended: log in again.');
    throw new ApiError(401, body);
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

const processOps = (path, options) => api(`/ops/v1/process/${path}`, options);

function showError(error) {
  $('app-error').textContent = error ? `${error.message}${error.code ? ` (${error.code})` : ''}` : '';
}

/** Runs an action, shows its error (if any) above the tabs, and reloads the current tab. */
async function act(action) {
  showError();
  try {
    await action();
  } catch (error) {
    showError(error);
  }
}

// ---- login -------------------------------------------------------------------------------------

async function login(event) {
  event.preventDefault();
  $('login-error').textContent = '';
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: $('client-id').value, client_secret: $('client-secret').value });
  const response = await fetch('/oauth/token', { method: 'POST', body: form });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('login-error').textContent = response.status === 429 ? 'Too many attempts: wait and try again.' : 'Unknown client or wrong secret.';
    return;
  }
  // the token says nothing of its scopes: an ops read tells whether this client is an operator
  const probe = await fetch('/ops/v1/breakers', { headers: { authorization: `Bearer ${body.access_token}` } });
  if (probe.status === 401 || probe.status === 403) {
    $('login-error').textContent = 'This client is not an operator (it has no ops scope).';
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, body.access_token);
  sessionStorage.setItem(`${TOKEN_KEY}-client`, $('client-id').value);
  $('client-secret').value = '';
  start();
}

function logout(message = '') {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(`${TOKEN_KEY}-client`);
  $('app').hidden = true;
  $('logout').hidden = true;
  $('who').textContent = '';
  $('login').hidden = false;
  $('login-error').textContent = message;
}

function start() {
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  $('who').textContent = `operator ${sessionStorage.getItem(`${TOKEN_KEY}-client`) || ''}`;
  openTab('orders');
}

// ---- tabs --------------------------------------------------------------------------------------

const loaders = {
  orders: loadChart,
  exceptions: loadExceptions,
  'dead-letters': loadDeadLetters,
  reconciliation: loadReconciliation,
  breakers: loadBreakers,
};

function openTab(name) {
  for (const button of document.querySelectorAll('nav button')) button.classList.toggle('active', button.dataset.tab === name);
  for (const tab of document.querySelectorAll('.tab')) tab.hidden = tab.id !== `tab-${name}`;
  showError();
  act(loaders[name]);
}

// ---- orders: chart, search, timeline -----------------------------------------------------------

let chart;

async function loadChart() {
  const { buckets } = await processOps('order-stats?hours=24');
  const data = [
    buckets.map((b) => Date.parse(b.hour) / 1000),
    buckets.map((b) => b.placed),
    buckets.map((b) => b.failed + b.rejected),
    buckets.map((b) => b.exceptions),
  ];
  const box = $('chart');
  const options = {
    width: Math.max(320, box.clientWidth - 16),
    height: 240,
    series: [
      {},
      { label: 'placed', stroke: '#3a5bd9', width: 2 },
      { label: 'failed or rejected', stroke: '#d97706', width: 2 },
      { label: 'exceptions', stroke: '#b42318', width: 2 },
    ],
    axes: [{}, { label: 'per hour' }],
  };
  chart?.destroy();
  box.replaceChildren();
  box.dataset.total = String(buckets.reduce((n, b) => n + b.placed, 0));
  chart = new uPlot(options, data, box);
}

async function search(event) {
  event.preventDefault();
  await act(async () => {
    const { orders } = await processOps(`orders/search?q=${encodeURIComponent($('search-q').value.trim())}`);
    const list = $('search-results');
    $('timeline').replaceChildren();
    list.replaceChildren(
      ...(orders.length
        ? orders.map((o) =>
            el('li', { onclick: () => act(() => showTimeline(o.orderId)) }, `${o.purchaseOrderNumber} · ${o.partnerId} · ${o.status} · ${time(o.createdAt)} · ${o.orderId}`),
          )
        : [el('li', { class: 'muted' }, 'No order found.')]),
    );
    if (orders.length === 1) await showTimeline(orders[0].orderId);
  });
}

async function showTimeline(orderId) {
  const timeline = await api(`/ops/v1/orders/${encodeURIComponent(orderId)}/timeline`);
  const { order } = timeline;
  $('timeline').replaceChildren(
    el('h3', {}, `Order ${order.purchaseOrderNumber} (${order.status})`),
    el(
      'p',
      { class: 'muted' },
      `${order.orderId} · ${order.channel} · ${order.partnerId} · customer ${order.customerId}`,
      order.erpOrderNumber ? ` · ERP ${order.erpOrderNumber}` : '',
      order.omsOrderId ? ` · OMS ${order.omsOrderId}` : '',
      order.correlationId ? ` · correlation ${order.correlationId}` : '',
    ),
    el('p', { id: 'timeline-sources' }, ...timeline.sources.map((s) => el('span', { class: `source source-${s.source}`, title: s.error || s.status }, `${s.source}: ${s.status}`)).flatMap((n) => [n, ' '])),
    el(
      'table',
      { id: 'timeline-entries' },
      el('thead', {}, el('tr', {}, el('th', {}, 'When'), el('th', {}, 'System'), el('th', {}, 'What'), el('th', {}, 'Reference'), el('th', {}, 'Detail'))),
      el(
        'tbody',
        {},
        timeline.entries.map((e) =>
          el(
            'tr',
            { class: e.problem ? 'problem' : '', 'data-source': e.source },
            el('td', {}, time(e.at)),
            el('td', {}, el('span', { class: `source source-${e.source}` }, e.source)),
            el('td', {}, e.what),
            el('td', {}, e.reference || ''),
            el('td', {}, e.detail || ''),
          ),
        ),
      ),
    ),
  );
}

// ---- exceptions --------------------------------------------------------------------------------

/** A cell with a note of what was done and a Resolve button that posts it to `path`, then reloads the tab. */
function resolveCell(path, reload) {
  const note = el('input', { placeholder: 'what was done', maxlength: '500', 'aria-label': 'resolution' });
  const resolve = () =>
    act(async () => {
      await processOps(path, { method: 'POST', body: { resolution: note.value || 'resolved in the console' } });
      await reload();
    });
  return el('td', {}, note, ' ', el('button', { type: 'button', onclick: resolve }, 'Resolve'));
}

async function loadExceptions() {
  const { exceptions } = await processOps('order-exceptions?status=open&limit=100');
  $('exceptions').replaceChildren(
    ...(exceptions.length
      ? exceptions.map((x) =>
          el('tr', {}, el('td', {}, time(x.at)), el('td', {}, x.orderId || ''), el('td', {}, x.eventType), el('td', {}, x.reason), resolveCell(`order-exceptions/${encodeURIComponent(x.id)}/resolve`, loadExceptions)),
        )
      : [el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No open exceptions.'))]),
  );
}

// ---- dead letters ------------------------------------------------------------------------------

async function loadDeadLetters() {
  const { items } = await processOps('dead-letters?status=open&limit=100');
  $('dead-letters').replaceChildren(
    ...(items.length
      ? items.map((d) => {
          const replay = () =>
            act(async () => {
              const result = await processOps('dead-letters/replay', { method: 'POST', body: { ids: [d.id] } });
              const failed = (result.results || []).find((r) => r.outcome === 'failed');
              if (failed) throw new ApiError(200, { detail: `Replay failed again: ${failed.deadLetter?.error || ''}` });
              await loadDeadLetters();
            });
          const discard = () =>
            act(async () => {
              await processOps(`dead-letters/${encodeURIComponent(d.id)}/discard`, { method: 'POST', body: { reason: 'discarded in the console' } });
              await loadDeadLetters();
            });
          return el(
            'tr',
            { 'data-id': d.id },
            el('td', {}, time(d.createdAt)),
            el('td', {}, d.consumer),
            el('td', {}, `${d.type} ${d.eventId}`),
            el('td', {}, d.attempts),
            el('td', {}, d.error.slice(0, 300)),
            el('td', {}, el('button', { type: 'button', onclick: replay }, 'Replay'), ' ', el('button', { type: 'button', class: 'secondary', onclick: discard }, 'Discard')),
          );
        })
      : [el('tr', {}, el('td', { colspan: '6', class: 'muted' }, 'No open dead letters.'))]),
  );
}

// ---- reconciliation ----------------------------------------------------------------------------

const checkCell = (check) => el('td', {}, check ? `${check.status}: ${check.findings} found, ${check.repaired} repaired` : '');

function renderFindings(findings) {
  $('run-findings').replaceChildren(
    ...(findings.length
      ? findings.map((f) =>
          el(
            'tr',
            { class: f.action === 'exception' ? 'problem' : '' },
            el('td', {}, f.check),
            el('td', {}, f.kind),
            el('td', {}, f.key),
            el('td', {}, (f.systems || []).join(', ')),
            el('td', {}, f.variance ?? ''),
            el('td', {}, f.action, f.repairDetail ? ` (${f.repairDetail})` : ''),
          ),
        )
      : [el('tr', {}, el('td', { colspan: '6', class: 'muted' }, 'No findings.'))]),
  );
}

async function loadReconciliation() {
  const [{ items: runs }, { items: open }] = await Promise.all([processOps('reconciliation-runs?limit=10'), processOps('reconciliation-findings?limit=100')]);
  $('runs').replaceChildren(
    ...runs.map((r) =>
      el('tr', {}, el('td', {}, time(r.startedAt)), el('td', {}, r.trigger), el('td', {}, r.status), checkCell(r.checks.stock), checkCell(r.checks.orders), checkCell(r.checks.shipments), checkCell(r.checks.invoices)),
    ),
  );
  if (runs[0]) renderFindings((await processOps(`reconciliation-runs/${encodeURIComponent(runs[0].runId)}`)).findings);
  $('findings').replaceChildren(
    ...(open.length
      ? open.map((f) =>
          el('tr', {}, el('td', {}, time(f.createdAt)), el('td', {}, f.check), el('td', {}, f.kind), el('td', {}, f.key), resolveCell(`reconciliation-findings/${encodeURIComponent(f.findingId)}/resolve`, loadReconciliation)),
        )
      : [el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No open exceptions.'))]),
  );
}

async function runReconciliation() {
  const button = $('run-reconciliation');
  button.disabled = true;
  button.textContent = 'Running…';
  await act(async () => {
    await processOps('reconciliation-runs', { method: 'POST', body: {} });
    await loadReconciliation();
  });
  button.disabled = false;
  button.textContent = 'Run now';
}

// ---- breakers ----------------------------------------------------------------------------------

async function loadBreakers() {
  const { layers } = await api('/ops/v1/breakers');
  $('breakers').replaceChildren(
    ...layers.flatMap((layer) => {
      const names = Object.keys(layer.breakers);
      if (layer.status !== 'ok' || !names.length)
        return [el('tr', {}, el('td', {}, layer.layer), el('td', { colspan: '5', class: 'muted' }, layer.status === 'ok' ? 'no breaker used yet' : 'unavailable'))];
      return names.map((name) => {
        const b = layer.breakers[name];
        return el('tr', { class: b.state === 'closed' ? '' : 'problem' }, el('td', {}, layer.layer), el('td', {}, name), el('td', {}, b.state), el('td', {}, b.failures ?? ''), el('td', {}, b.rejects ?? ''), el('td', {}, b.timeouts ?? ''));
      });
    }),
  );
}

// ---- wiring ------------------------------------------------------------------------------------

$('login-form').addEventListener('submit', login);
$('logout').addEventListener('click', () => logout());
$('search-form').addEventListener('submit', search);
$('run-reconciliation').addEventListener('click', runReconciliation);
for (const button of document.querySelectorAll('nav button')) button.addEventListener('click', () => openTab(button.dataset.tab));
if (sessionStorage.getItem(TOKEN_KEY)) start();
