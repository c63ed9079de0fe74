import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { migrate } from './migrate';
import { SqlDatabase } from './pg-driver';
import { BACKGROUND_STEP_DAYS, FIRST_START_DAYS, extendSchedule, seed } from './seed';
import { pgliteSqlClient, pgSqlClient, type SqlClient } from './sql';

export interface OpenOptions {
  driver: 'pglite' | 'postgres';
  connectionString?: string;
  /** PGlite data dir, or memory:// for a throwaway database. */
  dataDir?: string;
  migrate?: boolean;
  /** Seed reference data and extend the schedule this many days ahead. */
  seedDays?: number;
  poolSize?: number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

/** Opens a SQL database (PGlite in-process or a PostgreSQL server), migrated and seeded. */
export async function openSqlDatabase(opts: OpenOptions): Promise<SqlDatabase> {
  let sql: SqlClient;
  if (opts.driver === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const dataDir = opts.dataDir ?? 'memory://';
    if (!dataDir.startsWith('memory://')) await mkdir(path.dirname(path.resolve(/*turbopackIgnore: true*/ dataDir)), { recursive: true });
    // pg_trgm ships with PGlite: typo-tolerant airport search (supabase/routines/20_reference_data.sql).
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    sql = pgliteSqlClient(await PGlite.create(dataDir, { extensions: { pg_trgm } }));
  } else {
    if (!opts.connectionString) throw new Error('DATABASE_URL is required for the postgres driver');
    const pg = (await import('pg')).default;
    // int8 (counts, ids) as numbers: all ours stay far below 2^53.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    sql = pgSqlClient(new pg.Pool({ connectionString: opts.connectionString, max: opts.poolSize ?? 10 }),
      (err) => opts.log?.('idle database connection lost', { error: err.message }));
  }
  const database = new SqlDatabase(opts.driver, sql);
  try {
    if (opts.migrate) {
      const applied = await migrate(sql);
      if (applied.length) opts.log?.('migrations applied', { applied });
    }
    if (opts.seedDays) {
      const result = await seed(sql, Math.min(opts.seedDays, FIRST_START_DAYS));
      if (result.reference || result.flights) opts.log?.('seeded', result);
      if (opts.seedDays > FIRST_START_DAYS) {
        const days = opts.seedDays;
        void extendSchedule(sql, days, FIRST_START_DAYS + BACKGROUND_STEP_DAYS, BACKGROUND_STEP_DAYS)
          .then((flights) => flights && opts.log?.('schedule extended', { days, flights }))
          .catch((err) => opts.log?.('schedule extension failed', { error: (err as Error).message }));
      }
    }
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
  return database;
}
