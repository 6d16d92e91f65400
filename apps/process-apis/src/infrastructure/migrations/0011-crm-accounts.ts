import type { Migration } from '@platform';

export const migration: Migration = {
  version: 11,
  name: 'CRM account cross-references',
  sql: `
      -- crmAccountId <-> ERP customer number, plus the fields the CRM owns (segment, owner, lead source): they
      -- are the CRM's data, which the ERP does not need for order-to-cash, so they stay here rather than in ERP
      -- custom fields. customer_id is null while the first PUT is creating or linking the customer (a claim);
      -- the primary key makes that claim unique, so two concurrent PUTs cannot both create an ERP customer.
      CREATE TABLE crm_accounts (
        crm_account_id text PRIMARY KEY,
        customer_id text,
        matched_by text CHECK (matched_by IN ('taxId', 'namePostalCode')),
        segment text,
        owner text,
        lead_source text,
        -- normalised duplicate keys of a claim in flight: another account's onboarding of the same company waits
        tax_key text,
        name_postal_key text,
        claim_token uuid,
        claimed_until timestamptz,
        linked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (customer_id IS NOT NULL OR claim_token IS NOT NULL)
      );
      CREATE INDEX crm_accounts_customer_idx ON crm_accounts (customer_id);
    `,
};
