import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Database } from '@platform';
import { SCOPES_OF, type ClientKind, type DemoPartner } from '../experience.config.js';
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

@Injectable()
export class PartnerRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** Seeds clients; a configured secret that changed replaces the stored hash. */
  async seed(partners: readonly DemoPartner[]): Promise<void> {
    for (const partner of partners) {
      const kind = partner.kind ?? 'partner';
      const [existing] = await this.db.query<{ secret_hash: string; kind: string }>('SELECT secret_hash, kind FROM partners WHERE partner_id = $1', [
        partner.partnerId,
      ]);
      if (existing && existing.kind === kind && (await verifySecret(partner.secret, existing.secret_hash))) continue;
      await this.db.query(
        `INSERT INTO partners (partner_id, name, customer_id, secret_hash, kind, scopes) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (partner_id) DO UPDATE SET name = EXCLUDED.name, customer_id = EXCLUDED.customer_id, secret_hash = EXCLUDED.secret_hash,
           kind = EXCLUDED.kind, scopes = EXCLUDED.scopes`,
        [partner.partnerId, partner.name, partner.customerId ?? null, await hashSecret(partner.secret), kind, SCOPES_OF[kind].join(' ')],
      );
    }
  }

  /** The client if the credentials are right and it is active. */
  async authenticate(clientId: string, clientSecret: string): Promise<ApiClient | undefined> {
    const [row] = await this.db.query<{ partner_id: string; name: string; customer_id: string | null; secret_hash: string; kind: ClientKind; scopes: string }>(
      'SELECT partner_id, name, customer_id, secret_hash, kind, scopes FROM partners WHERE partner_id = $1 AND active',
      [clientId],
    );
    if (!row || !(await verifySecret(clientSecret, row.secret_hash))) return undefined;
    return {
      clientId: row.partner_id,
      name: row.name,
      kind: row.kind,
      scopes: row.scopes.split(' ').filter(Boolean),
      ...(row.customer_id ? { customerId: row.customer_id } : {}),
    };
  }

  /** The signing key kept in the database, created by the first instance that needs it. */
  async signingSecret(): Promise<string> {
    const candidate = randomBytes(48).toString('base64url');
    await this.db.query(`INSERT INTO signing_keys (key_id, secret) VALUES ('access-token', $1) ON CONFLICT (key_id) DO NOTHING`, [candidate]);
    const [row] = await this.db.query<{ secret: string }>(`SELECT secret FROM signing_keys WHERE key_id = 'access-token'`);
    return row.secret;
  }
}
