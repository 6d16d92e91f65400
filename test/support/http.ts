/** Small fetch helpers for the end-to-end tests: JSON in, JSON and headers out. */
export interface JsonResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export async function call<T = any>(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(url, {
    method: init.method ?? (init.body !== undefined || init.rawBody !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

export async function tokenFor(experienceUrl: string, clientId: string, secret: string): Promise<string> {
  const response = await call(`${experienceUrl}/oauth/token`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }).toString(),
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.access_token;
}

export interface SandboxCall {
  seq: number;
  method: string;
  path: string;
  status: number | string;
  correlationId?: string;
}

export async function sandboxCalls(sandboxUrl: string, system: 'erp' | 'wms' | 'oms'): Promise<SandboxCall[]> {
  return (await call<{ calls: SandboxCall[] }>(`${sandboxUrl}/control/${system}/calls`)).body.calls;
}

export async function clearSandboxCalls(sandboxUrl: string): Promise<void> {
  for (const system of ['erp', 'wms', 'oms']) await call(`${sandboxUrl}/control/${system}/calls`, { method: 'DELETE' });
}

export function order(purchaseOrderNumber: string, lines: { sku: string; quantity: number; uom?: string }[], extra: Record<string, unknown> = {}) {
  return {
    purchaseOrderNumber,
    shipTo: { name: 'ACME Receiving', line1: '100 Industrial Way', city: 'Columbus', region: 'OH', postalCode: '43004', country: 'US' },
    lines: lines.map((line, index) => ({ lineNumber: index + 1, ...line })),
    ...extra,
  };
}

/** Reads until `done` holds or the time is up, and returns the last value read (the test's expectations then say what was wrong). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000, pollMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
