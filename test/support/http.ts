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

// the e2e specs import it from here with the other request helpers
export { eventually } from './eventually.js';

/**
 * Sends a request again, as docs/b2b-partners.md tells partners to, while the answer is a 503 or
 * 409 with `retrySameKey` (after its Retry-After): the same Idempotency-Key converges on one
 * answer. `onRetry` counts the retries for a suite's figures.
 */
export async function withSameKeyRetries<T = any>(
  send: () => Promise<JsonResponse<T>>,
  onRetry: () => void = () => undefined,
  attempts = 10,
): Promise<JsonResponse<T>> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    const retryable = (response.status === 503 || response.status === 409) && (response.body as { retrySameKey?: boolean } | undefined)?.retrySameKey === true;
    if (!retryable || attempt === attempts) return response;
    onRetry();
    await new Promise((resolve) => setTimeout(resolve, 1_000 * Number(response.headers.get('retry-after') ?? 1)));
  }
}
