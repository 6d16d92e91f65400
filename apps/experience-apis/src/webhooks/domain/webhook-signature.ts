import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The headers a delivery carries (Webhook-Signature: `t=<unix seconds>,v1=<hex>`) are WebhookHeadersDto in libs/contracts.

/** A fresh signing secret; the `whsec_` prefix makes a leaked one easy to spot in logs and code. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** HMAC-SHA256, keyed with the whole secret string, over `${timestamp}.${body}`, in hex. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`;
}

/**
 * What a receiver does (and what docs/webhooks.md shows): recompute the signature over the raw
 * body, compare in constant time, and refuse old timestamps so a captured delivery can't be
 * replayed later. Several v1 values may appear (kept for a future secret rotation).
 */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body), 'hex');
  return parts
    .filter(([key]) => key === 'v1')
    .some(([, value]) => {
      const given = Buffer.from(value ?? '', 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
