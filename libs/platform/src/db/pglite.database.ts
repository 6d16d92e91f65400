import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { assertSchemaName, Database, Queryable } from './database.js';

const run = promisify(execFile);

/**
 * Creates the database cluster in `dataDir` (PGlite's initdb) in a short-lived node process: done
 * in-process, initdb leaves some 400 MiB of garbage (a second PGlite instance and a copy of its
 * heap) that stays resident until a full garbage collection, which an idle gateway never runs, and
 * it grows the allocator's arenas for good. The folder is the same either way; opening it then
 * finds PG_VERSION and resumes, as on every later start.
 */
async function createCluster(dataDir: string): Promise<void> {
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `require(${JSON.stringify(pglite)}).PGlite.create(${JSON.stringify(dataDir)}).then((db) => db.close())`;
  await run(process.execPath, ['-e', script]);
}

export class PgliteDatabase extends Database {
  readonly kind = 'pglite' as const;

  private constructor(private readonly db: PGlite) {
    super();
  }

  static async open(dataDir: string, schema: string): Promise<PgliteDatabase> {
    if (!dataDir.startsWith('memory://')) {
      mkdirSync(dataDir, { recursive: true });
      // PGlite's own test for an existing cluster
      if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await createCluster(dataDir);
    }
    const db = await PGlite.create(dataDir);
    const name = assertSchemaName(schema);
    // PGlite is a single session, so the search_path set here holds for every later query.
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${name}; SET search_path TO ${name};`);
    return new PgliteDatabase(db);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      work({
        query: async <R>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows,
        exec: async (sql: string) => void (await tx.exec(sql)),
      }),
    );
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
