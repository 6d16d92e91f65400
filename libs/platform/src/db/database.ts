/** What a repository needs: parameterised SQL, the same on PGlite and PostgreSQL. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The app's own database. PGlite (embedded, files under a data folder) by default,
 * PostgreSQL when a URL is configured; each app keeps its tables in its own schema.
 */
export abstract class Database implements Queryable {
  abstract readonly kind: 'pglite' | 'postgres';
  abstract query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  abstract exec(sql: string): Promise<void>;
  abstract transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  abstract close(): Promise<void>;

  /**
   * Whether this instance holds the named lease: a job that must run on one instance at a time
   * (across every instance sharing the database) runs only where this answers true. Once taken,
   * a lease is held until the instance closes or loses its database session; then another
   * instance takes it at its next try. PGlite is one process, so it always holds its leases.
   */
  async holdsLease(_name: string): Promise<boolean> {
    return true;
  }
}

export interface DatabaseConfig {
  /** postgres://… ; when absent the app uses PGlite. */
  readonly url?: string;
  /** PGlite data folder; `memory://` keeps it in memory. */
  readonly dataDir: string;
  /** Schema holding this app's tables. */
  readonly schema: string;
}

export function assertSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits and _`);
  return schema;
}
