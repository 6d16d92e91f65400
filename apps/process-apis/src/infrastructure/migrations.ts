import type { Migration } from '@platform';
import { migration as v1 } from './migrations/0001-catalog-orders-inbox.js';
import { migration as v2 } from './migrations/0002-atp-positions-reservations.js';
import { migration as v3 } from './migrations/0003-promising-warehouses-supply-projection.js';
import { migration as v4 } from './migrations/0004-messaging-outbox-dead-letters.js';
import { migration as v5 } from './migrations/0005-fulfilment-legs-shipments-exceptions.js';
import { migration as v6 } from './migrations/0006-invoices-from-shipments.js';
import { migration as v7 } from './migrations/0007-leg-released-at.js';
import { migration as v8 } from './migrations/0008-billing-policy.js';
import { migration as v9 } from './migrations/0009-invoice-list-index.js';
import { migration as v10 } from './migrations/0010-order-list-indexes.js';
import { migration as v11 } from './migrations/0011-crm-accounts.js';
import { migration as v12 } from './migrations/0012-audit-log.js';
import { migration as v13 } from './migrations/0013-quote-hold-customer.js';
import { migration as v14 } from './migrations/0014-reconciliation.js';
import { migration as v15 } from './migrations/0015-outbox-subject-index.js';
import { migration as v16 } from './migrations/0016-order-exception-resolution.js';
import { migration as v17 } from './migrations/0017-returns.js';

/**
 * The app's migrations, one file each under migrations/ named after its version, listed here in version
 * order. Versioned and append-only: never edit a released migration, add the next file and list it here.
 * A static list rather than a folder scan: tsc checks it, SWC compiles it like any import, and it reads
 * the same from src/ under jest and from dist/ (migrations.spec.ts checks the folder and the list agree).
 */
export const processMigrations: readonly Migration[] = [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17];
