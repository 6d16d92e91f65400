import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/**
 * Signing keys at rest: AES-256-GCM under a key derived (HKDF-SHA256) from TOKEN_SIGNING_SECRET, so the
 * database alone never yields a key that can sign tokens. Without a secret the JWK is stored as is.
 */
export class KeyEncryption {
  private readonly key?: Buffer;

  constructor(secret: string | undefined) {
    if (secret) this.key = Buffer.from(hkdfSync('sha256', secret, 'distribution-gateway', 'token-signing-keys', 32));
  }

  get enabled(): boolean {
    return this.key !== undefined;
  }

  seal(plain: string): string {
    if (!this.key) return plain;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${[iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.')}`;
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  /** @throws when sealed under another secret, or sealed while no secret is configured. */
  open(stored: string): string {
    if (!KeyEncryption.isSealed(stored)) return stored;
    if (!this.key) throw new Error('the key is encrypted and TOKEN_SIGNING_SECRET is not set');
    const [iv, tag, data] = stored
      .slice(PREFIX.length)
      .split('.')
      .map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8');
  }
}
