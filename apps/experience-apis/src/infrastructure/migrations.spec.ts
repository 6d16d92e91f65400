import { describeMigrationFolder } from '../../../../test/support/migration-folder.checks.js';
import { experienceMigrations } from './migrations.js';

// Version 3 was never used: the list went from 2 to 4 when it was written. Released databases record 4
// onwards, so the gap stays; new migrations continue after the highest version.
describeMigrationFolder('experience', import.meta.url, experienceMigrations, [3]);
