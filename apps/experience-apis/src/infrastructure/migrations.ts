import type { Migration } from '@platform';
import { migration as v1 } from './migrations/0001-partners-signing-keys-idempotency.js';
import { migration as v2 } from './migrations/0002-channel-events-inbox.js';
import { migration as v4 } from './migrations/0004-webhooks.js';
import { migration as v5 } from './migrations/0005-client-kinds-scopes.js';
import { migration as v6 } from './migrations/0006-edi.js';
import { migration as v7 } from './migrations/0007-es256-keys-token-versions-audit-log.js';
import { migration as v8 } from './migrations/0008-rate-limits.js';
import { migration as v9 } from './migrations/0009-edi-buyer-line-references.js';
import { migration as v10 } from './migrations/0010-client-secret-overlap.js';
import { migration as v11 } from './migrations/0011-edi-return-authorizations.js';

/**
 * The app's migrations, one file each under migrations/ named after its version, listed here in version
 * order. Versioned and append-only: never edit a released migration, add the next file and list it here.
 * A static list rather than a folder scan: tsc checks it, SWC compiles it like any import, and it reads
 * the same from src/ under jest and from dist/ (migrations.spec.ts checks the folder and the list agree).
 */
export const experienceMigrations: readonly Migration[] = [v1, v2, v4, v5, v6, v7, v8, v9, v10, v11];
