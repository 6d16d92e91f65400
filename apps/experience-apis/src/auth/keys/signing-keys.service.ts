import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { Database } from '@platform';
import { ExperienceApisConfig, MAX_TOKEN_TTL_SECONDS } from '../../experience.config.js';
import { KeyEncryption } from './key-encryption.js';

export const TOKEN_ALG = 'ES256';
/** A rotated-out key keeps verifying (and stays in the JWKS) until every token it signed has expired. */
const OVERLAP_SECONDS = MAX_TOKEN_TTL_SECONDS + 60;
/** Instances pick up another instance's rotation within this. */
const RELOAD_MS = 5_000;

type Key = Awaited<ReturnType<typeof importJWK>>;

interface LoadedKey {
  readonly kid: string;
  readonly publicJwk: JWK;
  readonly verify: Key;
  readonly sign: Key;
  readonly active: boolean;
}

interface Row {
  kid: string;
  public_jwk: string;
  private_jwk: string;
  retire_at: Date | string | null;
}

/**
 * The access-token signing keys (ES256, each with a key id): the newest active key signs, all unexpired
 * keys verify and are published as the JWKS. Rotation adds a key and retires the others after an overlap
 * as long as the longest token, so no token in flight stops verifying.
 */
@Injectable()
export class SigningKeysService {
  private readonly logger = new Logger(SigningKeysService.name);
  private readonly encryption: KeyEncryption;
  private keys: LoadedKey[] = [];
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(
    @Inject(Database) private readonly db: Database,
    config: ExperienceApisConfig,
  ) {
    this.encryption = new KeyEncryption(config.auth.keyEncryptionSecret);
  }

  /** Loads the keys, creating the first one when there is none usable. */
  async init(): Promise<void> {
    await this.reload();
    if (!this.keys.some((k) => k.active)) await this.rotate();
  }

  async signer(): Promise<{ kid: string; key: Key }> {
    await this.fresh();
    const key = this.keys.find((k) => k.active);
    if (!key) throw new Error('no active signing key');
    return { kid: key.kid, key: key.sign };
  }

  /** The key for a token's kid; an unknown kid triggers one reload (another instance may just have rotated). */
  async verificationKey(kid: string): Promise<Key | undefined> {
    await this.fresh();
    let key = this.keys.find((k) => k.kid === kid);
    if (!key && Date.now() - this.loadedAt > 1_000) {
      await this.reload();
      key = this.keys.find((k) => k.kid === kid);
    }
    return key?.verify;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    await this.fresh();
    return { keys: this.keys.map((k) => ({ ...k.publicJwk, kid: k.kid, alg: TOKEN_ALG, use: 'sig' })) };
  }

  /** A new signing key; the previous ones verify for the overlap, then drop out. */
  async rotate(): Promise<{ kid: string; retiring: string[] }> {
    const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALG, { extractable: true });
    const kid = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
    const retiring = await this.db.transaction(async (tx) => {
      const retired = await tx.query<{ kid: string }>(
        `UPDATE token_signing_keys SET retire_at = now() + make_interval(secs => $1) WHERE retire_at IS NULL RETURNING kid`,
        [OVERLAP_SECONDS],
      );
      await tx.query(`INSERT INTO token_signing_keys (kid, public_jwk, private_jwk) VALUES ($1, $2, $3)`, [
        kid,
        JSON.stringify(await exportJWK(publicKey)),
        this.encryption.seal(JSON.stringify(await exportJWK(privateKey))),
      ]);
      return retired.map((r) => r.kid);
    });
    await this.reload();
    return { kid, retiring };
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt > RELOAD_MS) await this.reload();
  }

  private reload(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<void> {
    const rows = await this.db.query<Row>(
      `SELECT kid, public_jwk, private_jwk, retire_at FROM token_signing_keys WHERE retire_at IS NULL OR retire_at > now() ORDER BY created_at DESC, kid DESC`,
    );
    const keys: LoadedKey[] = [];
    for (const row of rows) {
      try {
        const privateJwk = JSON.parse(this.encryption.open(row.private_jwk)) as JWK;
        // a key created before TOKEN_SIGNING_SECRET was set is sealed now, so none stays in clear
        if (this.encryption.enabled && !KeyEncryption.isSealed(row.private_jwk)) {
          await this.db.query(`UPDATE token_signing_keys SET private_jwk = $2 WHERE kid = $1`, [row.kid, this.encryption.seal(JSON.stringify(privateJwk))]);
        }
        const publicJwk = JSON.parse(row.public_jwk) as JWK;
        keys.push({
          kid: row.kid,
          publicJwk,
          verify: await importJWK(publicJwk, TOKEN_ALG),
          sign: await importJWK(privateJwk, TOKEN_ALG),
          active: row.retire_at === null,
        });
      } catch (error) {
        this.logger.warn(`signing key ${row.kid} skipped: ${(error as Error).message}`);
      }
    }
    this.keys = keys;
    this.loadedAt = Date.now();
  }
}
