import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openSqlDatabase } from '@/lib/db/open';
import type { SqlDatabase } from '@/lib/db/pg-driver';

// A fresh, migrated database per test file: PGlite in memory, or (DB_TARGET=postgres) a new
// database on the TEST_DATABASE_URL server, dropped afterwards. Reference data is loaded;
// the schedule is generated for `scheduleDays` days only, to keep suites quick.

export interface TestDatabase {
  db: SqlDatabase;
  target: 'pglite' | 'postgres';
  /** The server database's connection string (postgres target only): a second pool or app instance can open it. */
  connectionString?: string;
  /** Raw SQL for assertions and set-up (tests may look behind the port). */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openTestDatabase(opts: { seed?: boolean; scheduleDays?: number; poolSize?: number } = {}): Promise<TestDatabase> {
  const target = process.env.DB_TARGET === 'postgres' ? 'postgres' : 'pglite';
  let cleanup = async () => {};
  let connectionString: string | undefined;
  if (target === 'postgres') {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error('DB_TARGET=postgres needs TEST_DATABASE_URL');
    const name = `tq_test_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    connectionString = url.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const db = await openSqlDatabase({ driver: target, connectionString, dataDir: 'memory://', migrate: true, poolSize: opts.poolSize });
  if (opts.seed) {
    const { seed } = await import('@/lib/db/seed');
    await seed(db.sql, opts.scheduleDays ?? 2);
  }
  return {
    db,
    target,
    connectionString,
    sql: (text, values) => db.sql.query(text, values),
    close: async () => {
      await db.close();
      await cleanup();
    },
  };
}
