import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Database, type Queryable } from '@platform';
import { SCOPES_OF, type ClientKind, type ClientRateLimits, type DemoPartner } from '../experience.config.js';
import { hashSecret, verifySecret } from './partner-secret.js';

/** A B2B partner, acting for its ERP customer. */
export interface Partner {
  readonly partnerId: string;
  readonly name: string;
  readonly customerId: string;
}

/** Any OAuth2 client: a partner (with its customer) or an internal CRM client. */
export interface ApiClient {
  readonly clientId: string;
  readonly name: string;
  readonly kind: ClientKind;
  readonly scopes: readonly string[];
  readonly customerId?: string;
}

/**
 * A client that just proved its secret, with the token version its tokens are issued under; `expiresBy` when it
 * proved the previous secret of a rotation's overlap window (its tokens must not outlive the window).
 */
export type AuthenticatedClient = ApiClient & { readonly tokenVersion: number; readonly expiresBy?: Date };

/** What revocation checks: tokens of an inactive client, or of an older version, are refused. */
export interface ClientStatus {
  readonly active: boolean;
  readonly tokenVersion: number;
}

/** A client as operators see it (never its secret). */
export interface ClientRecord extends ApiClient {
  readonly active: boolean;
  readonly tokenVersion: number;
  readonly rateLimits?: ClientRateLimits;
  readonly createdAt: string;
}

const CLIENT_COLUMNS = 'partner_id, name, customer_id, secret_hash, kind, scopes, rate_limits';
const RECORD_COLUMNS = 'partner_id, name, customer_id, kind, scopes, active, token_version, rate_limits, created_at';

/** A new client's row: its secret hashed, the scopes of its kind; rate limits are stored with a new client only. */
async function clientValues(client: DemoPartner): Promise<unknown[]> {
  const kind = client.kind ?? 'partner';
  return [
    client.partnerId,
    client.name,
    client.customerId ?? null,
    await hashSecret(client.secret),
    kind,
    SCOPES_OF[kind].join(' '),
    client.rateLimits ? JSON.stringify(client.rateLimits) : null,
  ];
}

interface ClientRow {
  partner_id: string;
  name: string;
  customer_id: string | null;
  kind: ClientKind;
  scopes: string;
  active: boolean;
  token_version: number;
  rate_limits: ClientRateLimits | string | null;
  created_at: Date | string;
}

const toRecord = (row: ClientRow): ClientRecord => ({
  clientId: row.partner_id,
  name: row.name,
  kind: row.kind,
  scopes: row.scopes.split(' ').filter(Boolean),
  ...(row.customer_id ? { customerId: row.customer_id } : {}),
  active: row.active,
  tokenVersion: row.token_version,
  ...(row.rate_limits === null
    ? {}
    : { rateLimits: typeof row.rate_limits === 'string' ? (JSON.parse(row.rate_limits) as ClientRateLimits) : row.rate_limits }),
  createdAt: new Date(row.created_at).toISOString(),
});

@Injectable()
export class PartnerRepository {
  /** Checked against when the client is unknown, so an unknown client and a wrong secret take the same scrypt time. */
  private readonly dummyHash = hashSecret(randomBytes(24).toString('base64url'));

  constructor(@Inject(Database) private readonly db: Database) {}

  /**
   * Registers a new client (operator onboarding); false when the client id is taken. Seeding and onboarding
   * store a client through the same columns and values (`clientValues`).
   */
  async create(tx: Queryable, client: DemoPartner): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO partners (${CLIENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (partner_id) DO NOTHING RETURNING partner_id`,
      await clientValues(client),
    );
    return inserted.length > 0;
  }

  /** Clients of one kind ordered by client id, a page after `afterId`. */
  async list(kind: ClientKind, limit: number, afterId?: string): Promise<{ clients: ClientRecord[]; more: boolean }> {
    const rows = await this.db.query<ClientRow>(
      `SELECT ${RECORD_COLUMNS} FROM partners WHERE kind = $1 AND ($2::text IS NULL OR partner_id > $2) ORDER BY partner_id LIMIT $3`,
      [kind, afterId ?? null, limit + 1],
    );
    return { clients: rows.slice(0, limit).map(toRecord), more: rows.length > limit };
  }

  async find(clientId: string): Promise<ClientRecord | undefined> {
    const [row] = await this.db.query<ClientRow>(`SELECT ${RECORD_COLUMNS} FROM partners WHERE partner_id = $1`, [clientId]);
    return row && toRecord(row);
  }

  /** Seeds clients; a configured secret that changed replaces the stored hash. */
  async seed(partners: readonly DemoPartner[]): Promise<void> {
    for (const partner of partners) {
      const kind = partner.kind ?? 'partner';
      const [existing] = await this.db.query<{ secret_hash: string; kind: string }>('SELECT secret_hash, kind FROM partners WHERE partner_id = $1', [
        partner.partnerId,
      ]);
      if (existing && existing.kind === kind && (await verifySecret(partner.secret, existing.secret_hash))) continue;
      // rate limits are seeded with a new client only: an operator's later change is kept
      await this.db.query(
        // a changed secret revokes the tokens issued under the old one
        `INSERT INTO partners (${CLIENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (partner_id) DO UPDATE SET name = EXCLUDED.name, customer_id = EXCLUDED.customer_id, secret_hash = EXCLUDED.secret_hash,
           kind = EXCLUDED.kind, scopes = EXCLUDED.scopes, token_version = partners.token_version + 1,
           previous_secret_hash = NULL, previous_secret_expires_at = NULL`,
        await clientValues(partner),
      );
    }
  }

  /**
   * The client if the credentials are right and it is active: its current secret, or its previous one while a
   * rotation's overlap window lasts (then with `expiresBy`, the window's end).
   */
  async authenticate(clientId: string, clientSecret: string): Promise<AuthenticatedClient | undefined> {
    const [row] = await this.db.query<{
      partner_id: string;
      name: string;
      customer_id: string | null;
      secret_hash: string;
      kind: ClientKind;
      scopes: string;
      token_version: number;
      previous_secret_hash: string | null;
      previous_secret_expires_at: Date | string | null;
    }>(
      `SELECT partner_id, name, customer_id, secret_hash, kind, scopes, token_version, previous_secret_hash,
              CASE WHEN previous_secret_expires_at > clock_timestamp() THEN previous_secret_expires_at END AS previous_secret_expires_at
         FROM partners WHERE partner_id = $1 AND active`,
      [clientId],
    );
    // always one scrypt verification: answering an unknown client faster would tell which client ids exist
    const current = await verifySecret(clientSecret, row?.secret_hash ?? (await this.dummyHash));
    if (!row) return undefined;
    const overlapEnds = row.previous_secret_expires_at === null ? undefined : new Date(row.previous_secret_expires_at);
    const previous = !current && overlapEnds && row.previous_secret_hash !== null && (await verifySecret(clientSecret, row.previous_secret_hash));
    if (!current && !previous) return undefined;
    return {
      clientId: row.partner_id,
      name: row.name,
      kind: row.kind,
      scopes: row.scopes.split(' ').filter(Boolean),
      ...(row.customer_id ? { customerId: row.customer_id } : {}),
      tokenVersion: row.token_version,
      ...(previous ? { expiresBy: overlapEnds } : {}),
    };
  }

  async status(clientId: string): Promise<ClientStatus | undefined> {
    const [row] = await this.db.query<{ active: boolean; token_version: number }>('SELECT active, token_version FROM partners WHERE partner_id = $1', [
      clientId,
    ]);
    return row ? { active: row.active, tokenVersion: row.token_version } : undefined;
  }

  /** Enables or disables a client; either way its tokens so far stop working. Undefined for an unknown client. */
  async setActive(tx: Queryable, clientId: string, active: boolean): Promise<ClientStatus | undefined> {
    const [row] = await tx.query<{ active: boolean; token_version: number }>(
      'UPDATE partners SET active = $2, token_version = token_version + 1 WHERE partner_id = $1 RETURNING active, token_version',
      [clientId, active],
    );
    return row ? { active: row.active, tokenVersion: row.token_version } : undefined;
  }

  /**
   * Replaces a client's secret. Without an overlap its tokens so far stop working and the old secret at once;
   * with one the old secret still gets tokens until `overlapSeconds` from now and the tokens it holds run to
   * their expiry (a secret of an earlier window is dropped). Undefined for an unknown client.
   */
  async replaceSecret(
    tx: Queryable,
    clientId: string,
    secret: string,
    overlapSeconds = 0,
  ): Promise<(ClientStatus & { previousSecretValidUntil?: string }) | undefined> {
    const [row] = await tx.query<{ active: boolean; token_version: number; previous_secret_expires_at: Date | string | null }>(
      overlapSeconds > 0
        ? `UPDATE partners SET previous_secret_hash = secret_hash, previous_secret_expires_at = clock_timestamp() + make_interval(secs => $3), secret_hash = $2
            WHERE partner_id = $1 RETURNING active, token_version, previous_secret_expires_at`
        : `UPDATE partners SET secret_hash = $2, token_version = token_version + 1, previous_secret_hash = NULL, previous_secret_expires_at = NULL
            WHERE partner_id = $1 RETURNING active, token_version, previous_secret_expires_at`,
      overlapSeconds > 0 ? [clientId, await hashSecret(secret), overlapSeconds] : [clientId, await hashSecret(secret)],
    );
    if (!row) return undefined;
    return {
      active: row.active,
      tokenVersion: row.token_version,
      ...(row.previous_secret_expires_at === null ? {} : { previousSecretValidUntil: new Date(row.previous_secret_expires_at).toISOString() }),
    };
  }
}
