import type { Migration } from '@platform';

export const migration: Migration = {
  version: 5,
  name: 'client kinds and scopes: CRM clients next to partners',
  sql: `
      -- a partner acts for one ERP customer (scope b2b); a CRM client is an internal system with no customer (scope crm)
      ALTER TABLE partners ADD COLUMN kind text NOT NULL DEFAULT 'partner' CHECK (kind IN ('partner', 'crm'));
      ALTER TABLE partners ADD COLUMN scopes text NOT NULL DEFAULT 'b2b';
      ALTER TABLE partners ALTER COLUMN customer_id DROP NOT NULL;
      ALTER TABLE partners ADD CONSTRAINT partners_customer_of_partner CHECK (kind <> 'partner' OR customer_id IS NOT NULL);
    `,
};
