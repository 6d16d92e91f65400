import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, type Database, type Migration } from '@platform';

/** Where a spec runs its SQL: PGlite always, and PostgreSQL too when DATABASE_URL is set (`describe.each(databaseKinds)`). */
export const databaseKinds: ReadonlyArray<readonly [kind: 'pglite' | 'postgres', url: string | undefined]> = [
  ['pglite', undefined],
  ...(process.env.DATABASE_URL ? [['postgres', process.env.DATABASE_URL] as const] : []),
];

export interface TestDatabase {
  readonly db: Database;
  readonly schema: string;
  /** Closes the connection and, on PostgreSQL, drops the schema. */
  close(): Promise<void>;
}

/**
 * A database of the spec's own: PGlite in memory, or on PostgreSQL a schema named after `name`
 * and a random suffix (runs never see each other's rows), with `migrations` applied.
 */
export async function openTestDatabase(url: string | undefined, name: string, migrations: readonly Migration[] = []): Promise<TestDatabase> {
  const schema = `${name}_${randomBytes(4).toString('hex')}`;
  const db = await openDatabase({ url, dataDir: 'memory://', schema });
  if (migrations.length) await migrate(db, migrations);
  return {
    db,
    schema,
    close: async () => {
      await db.close();
      if (url) await dropSchema(url, schema);
    },
  };
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

export interface SharedTestSchema {
  /** One connection per app instance, all on the same schema. */
  readonly instances: Database[];
  close(): Promise<void>;
}

/** Two (or `count`) instances of an app sharing one fresh PostgreSQL schema, migrated once by the first. */
export async function openSharedSchema(url: string, name: string, migrations: readonly Migration[], count = 2): Promise<SharedTestSchema> {
  const schema = `${name}_${randomBytes(4).toString('hex')}`;
  const instances = await Promise.all(Array.from({ length: count }, () => openDatabase({ url, dataDir: 'memory://', schema })));
  await migrate(instances[0], migrations);
  return {
    instances,
    close: async () => {
      await Promise.all(instances.map((db) => db.close()));
      await dropSchema(url, schema);
    },
  };
}
