import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { dropSchema } from '../../../../test/support/test-database.js';
import { openDatabase } from './database.module.js';
import type { Database } from './database.js';
import { migrate } from './migrator.js';

const migrations = [
  { version: 1, name: 'one', sql: 'CREATE TABLE things (id int PRIMARY KEY, name text NOT NULL)' },
  { version: 2, name: 'two', sql: 'ALTER TABLE things ADD COLUMN note text;\nCREATE INDEX things_note ON things (note);' },
];

// The same SQL on PGlite and, when DATABASE_URL is set, on PostgreSQL.
describe.each([['pglite', undefined], ...(process.env.DATABASE_URL ? [['postgres', process.env.DATABASE_URL] as const] : [])])(
  'migrations and transactions on %s',
  (_kind, url) => {
    const schema = `migrator_${randomBytes(4).toString('hex')}`;
    let db: Database;

    beforeAll(async () => {
      db = await openDatabase({ url, dataDir: 'memory://', schema });
    });
    afterAll(async () => {
      await db.close();
      if (url) await dropSchema(url, schema);
    });

    it('applies each migration once, in order', async () => {
      expect(await migrate(db, migrations)).toEqual([1, 2]);
      expect(await migrate(db, migrations)).toEqual([]);
      await db.query('INSERT INTO things (id, name, note) VALUES (1, $1, $2)', ['a', 'b']);
      expect(await db.query('SELECT id, name, note FROM things')).toEqual([{ id: 1, name: 'a', note: 'b' }]);
    });

    it('rolls a failed transaction back whole', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO things (id, name) VALUES (2, $1)', ['kept?']);
          await tx.query('INSERT INTO things (id, name) VALUES (2, $1)', ['duplicate']);
        }),
      ).rejects.toThrow();
      expect(await db.query('SELECT id FROM things WHERE id = 2')).toEqual([]);
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(openDatabase({ url, dataDir: 'memory://', schema: 'x; DROP TABLE y' })).rejects.toThrow('Invalid schema name');
    });
  },
);

// Several instances of an app start at once in the distributed mode, on one schema.
(process.env.DATABASE_URL ? describe : describe.skip)('migrations from instances starting together on PostgreSQL', () => {
  const url = process.env.DATABASE_URL;
  const schema = `migrator_${randomBytes(4).toString('hex')}`;
  let instances: Database[] = [];

  afterAll(async () => {
    await Promise.all(instances.map((db) => db.close()));
    await dropSchema(url!, schema);
  });

  it('applies each migration exactly once', async () => {
    instances = await Promise.all([1, 2, 3].map(() => openDatabase({ url, dataDir: 'memory://', schema })));
    const applied = await Promise.all(instances.map((db) => migrate(db, migrations)));
    expect(applied.flat().sort()).toEqual([1, 2]);
    expect(await instances[0].query('SELECT version FROM schema_migrations ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }]);
  });
});
