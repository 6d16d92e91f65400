import { describeMigrationFolder } from '../../../../test/support/migration-folder.checks.js';
import { processMigrations } from './migrations.js';

describeMigrationFolder('process', import.meta.url, processMigrations);
