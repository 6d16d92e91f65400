import pg from 'pg';
import { assertSchemaName, Database, Queryable } from './database.js';

// NUMERIC and BIGINT come back as strings by default; the repositories convert explicitly.
export class PostgresDatabase extends Database {
  readonly kind = 'postgres' as const;

  /** The session holding this instance's leases (advisory locks live as long as their session). */
  private leaseSession?: Promise<pg.Client>;
  private readonly leases = new Set<string>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly schema: string,
  ) {
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
    return new PostgresDatabase(pool, url, name);
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

  /**
   * A session-level advisory lock, keyed by schema and name (several apps or test runs may share
   * the database), on a connection of its own: it is held while that connection lives and freed
   * by PostgreSQL when the instance stops or dies. A database that can't be reached holds nothing.
   */
  override async holdsLease(name: string): Promise<boolean> {
    if (this.leases.has(name)) return true;
    try {
      const client = await this.leaseClient();
      const [row] = (
        await client.query<{ held: boolean }>(`SELECT pg_try_advisory_lock(('x' || substr(md5($1), 1, 16))::bit(64)::bigint) AS held`, [
          `${this.schema}:${name}`,
        ])
      ).rows;
      if (row?.held) this.leases.add(name);
      return row?.held === true;
    } catch {
      return false;
    }
  }

  private leaseClient(): Promise<pg.Client> {
    this.leaseSession ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      const lost = () => {
        this.leases.clear();
        this.leaseSession = undefined;
      };
      client.on('error', lost);
      client.on('end', lost);
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      this.leaseSession = undefined;
      throw error;
    });
    return this.leaseSession;
  }

  async close(): Promise<void> {
    const session = this.leaseSession;
    this.leaseSession = undefined;
    this.leases.clear();
    await session?.then((client) => client.end()).catch(() => undefined);
    await this.pool.end();
  }
}
