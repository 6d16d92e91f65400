import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AccountLinkDto, MatchedBy } from '@contracts';
import { ConflictError, Database } from '@platform';

export interface CrmFields {
  readonly segment: string | null;
  readonly owner: string | null;
  readonly leadSource: string | null;
}

export type AccountClaim =
  /** The account is linked already: update its ERP customer. */
  | { readonly kind: 'linked'; readonly customerId: string; readonly matchedBy: MatchedBy | null }
  /** This request creates or links the ERP customer; `token` proves it when completing or releasing. */
  | { readonly kind: 'new'; readonly token: string };

interface AccountRow {
  crm_account_id: string;
  customer_id: string | null;
  matched_by: MatchedBy | null;
  segment: string | null;
  owner: string | null;
  lead_source: string | null;
  claimed_until: Date | string | null;
  linked_at: Date | string | null;
  updated_at: Date | string;
}

/** Serialises claims of all accounts (short transactions, CRM write rates), so overlapping keys are seen. */
const CLAIM_LOCK = "SELECT pg_advisory_xact_lock(hashtext('crm_accounts:claim'))";

const inFlight = () =>
  new ConflictError('ACCOUNT.IN_FLIGHT', 'This account, or another one of the same company, is being created in the ERP right now; retry shortly.');

/** The CRM account cross-references (crmAccountId <-> ERP customer) and the CRM-owned fields. */
@Injectable()
export class AccountRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /**
   * Decides, atomically, who creates or links the ERP customer of a new account: one claim per account (the
   * primary key) and none while another account's claim has the same tax id or name and postal code. A claim
   * not completed within `claimTtlMs` (the request died) may be taken over.
   */
  async claim(crmAccountId: string, keys: { taxKey: string | null; namePostalKey: string }, claimTtlMs: number): Promise<AccountClaim> {
    return this.db.transaction(async (tx) => {
      await tx.query(CLAIM_LOCK);
      const [row] = await tx.query<AccountRow & { claim_live: boolean }>(
        'SELECT *, claimed_until > now() AS claim_live FROM crm_accounts WHERE crm_account_id = $1 FOR UPDATE',
        [crmAccountId],
      );
      if (row?.customer_id) return { kind: 'linked', customerId: row.customer_id, matchedBy: row.matched_by };
      if (row?.claim_live) throw inFlight();
      const overlapping = await tx.query(
        `SELECT 1 FROM crm_accounts WHERE customer_id IS NULL AND claimed_until > now() AND crm_account_id <> $1
           AND (tax_key = $2 OR name_postal_key = $3)`,
        [crmAccountId, keys.taxKey, keys.namePostalKey],
      );
      if (overlapping.length) throw inFlight();
      const token = randomUUID();
      await tx.query(
        `INSERT INTO crm_accounts (crm_account_id, tax_key, name_postal_key, claim_token, claimed_until)
         VALUES ($1, $2, $3, $4, now() + ($5::integer * interval '1 millisecond'))
         ON CONFLICT (crm_account_id) DO UPDATE SET tax_key = EXCLUDED.tax_key, name_postal_key = EXCLUDED.name_postal_key,
           claim_token = EXCLUDED.claim_token, claimed_until = EXCLUDED.claimed_until, updated_at = now()`,
        [crmAccountId, keys.taxKey, keys.namePostalKey, token, claimTtlMs],
      );
      return { kind: 'new', token };
    });
  }

  /** Records the link the claim produced. False when the claim was lost (expired and taken over). */
  async complete(crmAccountId: string, token: string, customerId: string, matchedBy: MatchedBy | null, crm: CrmFields): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE crm_accounts SET customer_id = $3, matched_by = $4, segment = $5, owner = $6, lead_source = $7, linked_at = now(), updated_at = now(),
         claim_token = NULL, claimed_until = NULL, tax_key = NULL, name_postal_key = NULL
       WHERE crm_account_id = $1 AND claim_token = $2 RETURNING crm_account_id`,
      [crmAccountId, token, customerId, matchedBy, crm.segment, crm.owner, crm.leadSource],
    );
    return rows.length > 0;
  }

  /** Gives a failed claim up at once, so a retry need not wait for it to expire. */
  async release(crmAccountId: string, token: string): Promise<void> {
    await this.db.query('DELETE FROM crm_accounts WHERE crm_account_id = $1 AND claim_token = $2 AND customer_id IS NULL', [crmAccountId, token]);
  }

  async updateCrmFields(crmAccountId: string, crm: CrmFields): Promise<void> {
    await this.db.query('UPDATE crm_accounts SET segment = $2, owner = $3, lead_source = $4, updated_at = now() WHERE crm_account_id = $1', [
      crmAccountId,
      crm.segment,
      crm.owner,
      crm.leadSource,
    ]);
  }

  /** The linked account; one still being created does not exist yet. */
  async find(crmAccountId: string): Promise<AccountLinkDto | undefined> {
    const [row] = await this.db.query<AccountRow>('SELECT * FROM crm_accounts WHERE crm_account_id = $1 AND customer_id IS NOT NULL', [crmAccountId]);
    if (!row?.customer_id) return undefined;
    return {
      crmAccountId: row.crm_account_id,
      erpAccountNumber: row.customer_id,
      matchedBy: row.matched_by,
      crm: { segment: row.segment, owner: row.owner, leadSource: row.lead_source },
      linkedAt: new Date(row.linked_at ?? row.updated_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }
}
