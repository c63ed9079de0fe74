import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

// The narrow SQL surface the data port, migrator and tests need, over either a node-postgres
// pool (PostgreSQL server) or PGlite's own API. (PGlite's node-postgres shim desynchronises
// its message stream after any error in the extended protocol — every 4xx a database function
// raises would break the connection — so PGlite is driven natively.)

export interface SqlQueryable {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Runs a script of one or more statements without parameters. */
  exec(script: string): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  /** Runs fn on one connection between BEGIN and COMMIT (ROLLBACK when it throws). */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function pgSqlClient(pool: Pool, onIdleError: (err: Error) => void = () => {}): SqlClient {
  // An idle connection can die (server restart, failover, a terminated backend); node-postgres
  // reports it on the pool, and an unhandled 'error' event would take the whole process down.
  // The pool drops that client and opens a new one on the next query.
  pool.on('error', onIdleError);
  const on = (c: Pool | PoolClient): SqlQueryable => ({
    query: async <T>(text: string, values?: unknown[]) => (await c.query(text, values)).rows as T[],
    exec: async (script: string) => { await c.query(script); },
  });
  return {
    ...on(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(on(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function pgliteSqlClient(lite: PGlite): SqlClient {
  const on = (c: PGlite | Transaction): SqlQueryable => ({
    query: async <T>(text: string, values?: unknown[]) => (await c.query<T>(text, values)).rows,
    exec: async (script: string) => { await c.exec(script); },
  });
  return {
    ...on(lite),
    transaction: (fn) => lite.transaction((tx) => fn(on(tx))),
    close: () => lite.close(),
  };
}
