import pg from 'pg';
import { assertSchemaName, Database, Queryable } from './database.js';

// NUMERIC and BIGINT come back as strings by default; the repositories convert explicitly.
export class PostgresDatabase extends Database {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool) {
    super();
  }

  static async open(url: string, schema: string, poolSize = 10): Promise<PostgresDatabase> {
    const name = assertSchemaName(schema);
    const bootstrap = new pg.Client({ connectionString: url });
    await bootstrap.connect();
    try {
      await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS ${name}`);
    } catch (error) {
      // Two instances starting together may race on CREATE SCHEMA; the loser finds it there.
      if ((error as { code?: string }).code !== '23505') throw error;
    } finally {
      await bootstrap.end();
    }
    const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${name}` });
    pool.on('error', () => undefined); // an idle client's error surfaces on its next use
    return new PostgresDatabase(pool);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  // Without parameters pg uses the simple protocol, which takes several statements at once.
  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
        exec: async (sql: string) => void (await client.query(sql)),
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
