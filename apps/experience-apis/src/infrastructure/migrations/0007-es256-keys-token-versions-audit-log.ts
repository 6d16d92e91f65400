import { AUDIT_LOG_SQL, type Migration } from '@platform';

export const migration: Migration = {
  version: 7,
  name: 'ES256 signing keys with key ids, client token versions, operator clients, audit log',
  sql: `
      -- the access-token signing keys, one row per key id (kid): the newest unretired one signs; every key not yet
      -- past retire_at verifies and is published in the JWKS. private_jwk is AES-256-GCM ciphertext when
      -- TOKEN_SIGNING_SECRET is set ('enc:v1:…'), else the JWK in clear (development only).
      CREATE TABLE token_signing_keys (
        kid text PRIMARY KEY,
        public_jwk text NOT NULL,
        private_jwk text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        retire_at timestamptz
      );
      -- the HS256 secret kept here in clear before: gone (tokens it signed stop verifying; clients ask for new ones)
      DROP TABLE signing_keys;
      -- bumped when a client is disabled or its secret rotated: tokens carrying an older version are refused
      ALTER TABLE partners ADD COLUMN token_version integer NOT NULL DEFAULT 1;
      ALTER TABLE partners DROP CONSTRAINT IF EXISTS partners_kind_check;
      ALTER TABLE partners ADD CONSTRAINT partners_kind_check CHECK (kind IN ('partner', 'crm', 'operator'));
      ${AUDIT_LOG_SQL}
    `,
};
