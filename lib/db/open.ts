import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { migrate } from './migrate';
import { PgDatabase } from './pg-driver';
import { seed } from './seed';

export interface OpenOptions {
  driver: 'pglite' | 'postgres';
  connectionString?: string;
  /** PGlite data dir, or memory:// for a throwaway database. */
  dataDir?: string;
  migrate?: boolean;
  /** Seed reference data and extend the schedule this many days ahead. */
  seedDays?: number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

// PGlite's driver returns int8 as strings like node-postgres; parse bigint columns as JS
// numbers only where they are ids/counts we control (< 2^53). Money stays in jsonb numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens a pg-wire database (PGlite in-process or a PostgreSQL server), migrated and seeded. */
export async function openPgDatabase(opts: OpenOptions): Promise<PgDatabase> {
  let database: PgDatabase;
  if (opts.driver === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
    const dataDir = opts.dataDir ?? 'memory://';
    if (!dataDir.startsWith('memory://')) await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
    const pglite = await PGlite.create(dataDir);
    const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    database = new PgDatabase('pglite', pool, () => pglite.close());
  } else {
    if (!opts.connectionString) throw new Error('DATABASE_URL is required for the postgres driver');
    database = new PgDatabase('postgres', new pg.Pool({ connectionString: opts.connectionString, max: 10 }));
  }
  try {
    if (opts.migrate) {
      const applied = await migrate(database.pool);
      if (applied.length) opts.log?.('migrations applied', { applied });
    }
    if (opts.seedDays) {
      const result = await seed(database.pool, opts.seedDays);
      if (result.reference || result.flights) opts.log?.('seeded', result);
    }
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
  return database;
}
