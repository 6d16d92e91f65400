import { AUDIT_LOG_SQL, type Migration } from '@platform';

export const migration: Migration = {
  version: 12,
  name: 'audit log of security events and operator actions',
  sql: AUDIT_LOG_SQL,
};
