import { Database, Migration } from './database.js';

const LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':migrations'))";

/**
 * Applies versioned migrations in order, each in its own transaction, recording them in
 * schema_migrations. An advisory lock serialises instances that start at the same time.
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<number[]> {
  const versions = migrations.map((m) => m.version);
  if (new Set(versions).size !== versions.length) throw new Error('Duplicate migration versions');
  // Under the lock too: two instances creating the table at once collide in the catalog.
  await db.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    await db.transaction(async (tx) => {
      await tx.query(LOCK);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length) return;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    });
  }
  return applied;
}
