import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** One HS256 key of the service-token key set, named by its key id (the JWT `kid` header). */
export interface ServiceKey {
  readonly kid: string;
  readonly secret: Uint8Array;
}

/**
 * The service-token key set shared by the layers: the first key signs, every key verifies, so a
 * key is rotated with overlap by putting the new one first and dropping the old one once every
 * instance runs with the new set (tokens live minutes).
 */
export interface ServiceKeySet {
  readonly signing: ServiceKey;
  readonly byKid: ReadonlyMap<string, ServiceKey>;
}

const KID = /^[A-Za-z0-9._-]{1,64}$/;

/** `kid:secret,kid2:secret2` (secrets of 32 characters or more). */
export const serviceTokenKeysEnv = z
  .string({ error: 'is required: kid:secret pairs, comma-separated, secrets of 32+ characters (the embedded launcher generates them)' })
  .min(1, 'is required')
  .superRefine((value, ctx) => {
    try {
      parseServiceKeys(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

export function parseServiceKeys(value: string): ServiceKeySet {
  const keys: ServiceKey[] = [];
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = pair.indexOf(':');
    const kid = colon > 0 ? pair.slice(0, colon) : '';
    const secret = colon > 0 ? pair.slice(colon + 1) : '';
    if (!KID.test(kid)) throw new Error(`key id '${kid}' must be 1-64 letters, digits, '.', '_' or '-' (format kid:secret)`);
    if (secret.length < 32) throw new Error(`the secret of key '${kid}' must be at least 32 characters`);
    if (keys.some((k) => k.kid === kid)) throw new Error(`key id '${kid}' appears twice`);
    keys.push({ kid, secret: new TextEncoder().encode(secret) });
  }
  if (!keys.length) throw new Error('needs at least one kid:secret pair');
  return { signing: keys[0]!, byKid: new Map(keys.map((k) => [k.kid, k])) };
}

/** A fresh one-key set, for embedded mode and tests: `<kid>:<48 random bytes>`. */
export function generateServiceKeys(kid = `k${Date.now().toString(36)}`): string {
  return `${kid}:${randomBytes(48).toString('base64url')}`;
}
