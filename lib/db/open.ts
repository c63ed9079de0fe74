import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { migrate } from './migrate';
import { SqlDatabase } from './pg-driver';
import { anyActivity, inFlightAlso, trackActivity, trackHttpRequests, type DatabaseActivity } from './activity';
import { findSnapshot } from './pglite-snapshot';
import { fillSchedule } from './schedule-fill';
import { FIRST_START_DAYS, seed } from './seed';
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
  /** Where the install keeps the PGlite snapshot a fresh file data dir starts from (tests point elsewhere). */
  snapshotDir?: string;
  /**
   * PGlite under `next dev`: the background fill also waits for a quiet moment after HTTP
   * requests, since a page compiling on its first visit runs no statement for seconds. Elsewhere
   * it waits only while one is in flight (lib/db/activity.ts, inFlightAlso): a request without
   * statements there is a quick static file and, under steady traffic (an end-to-end run),
   * counting their quiet too would leave the fill hardly a quiet second to take its steps in.
   */
  yieldToHttp?: boolean;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

/** Opens a SQL database (PGlite in-process or a PostgreSQL server), migrated and seeded. */
export async function openSqlDatabase(opts: OpenOptions): Promise<SqlDatabase> {
  let sql: SqlClient;
  let requests: { sql: SqlClient; activity?: DatabaseActivity };
  if (opts.driver === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const dataDir = opts.dataDir ?? 'memory://';
    if (!dataDir.startsWith('memory://')) await mkdir(path.dirname(path.resolve(/*turbopackIgnore: true*/ dataDir)), { recursive: true });
    // pg_trgm ships with PGlite: typo-tolerant airport search (supabase/routines/20_reference_data.sql).
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    // A first start in a new data directory begins from the install's snapshot when there is
    // one for this checkout's SQL (lib/db/pglite-snapshot.ts): a copy instead of initdb, every
    // migration, the reference data and the first weeks of schedule.
    const fresh = !dataDir.startsWith('memory://') && !existsSync(path.join(/*turbopackIgnore: true*/ dataDir, 'PG_VERSION'));
    const snapshot = fresh && opts.migrate && opts.seedDays ? await findSnapshot(Math.min(opts.seedDays, FIRST_START_DAYS), opts.snapshotDir) : null;
    sql = pgliteSqlClient(await PGlite.create(dataDir, { extensions: { pg_trgm }, ...(snapshot ? { loadDataDir: snapshot } : {}) }));
    if (snapshot) opts.log?.('database loaded from the install\'s snapshot', { dataDir });
    // Requests go through the tracked client so the background fill can yield to them, and to
    // the HTTP requests in flight that have no statement running (a script chunk; in development
    // a page compiling, whose quiet afterwards counts too).
    const statements = trackActivity(sql);
    const http = trackHttpRequests();
    requests = {
      sql: { ...statements.sql, close: () => (http.stop(), statements.sql.close()) },
      activity: opts.yieldToHttp ? anyActivity(statements.activity, http.activity) : inFlightAlso(statements.activity, http.activity),
    };
  } else {
    if (!opts.connectionString) throw new Error('DATABASE_URL is required for the postgres driver');
    const pg = (await import('pg')).default;
    // int8 (counts, ids) as numbers: all ours stay far below 2^53.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    const connectionString = opts.connectionString;
    sql = pgSqlClient(new pg.Pool({ connectionString, max: opts.poolSize ?? 10 }),
      (err) => opts.log?.('idle database connection lost', { error: err.message }),
      () => new pg.Client({ connectionString, keepAlive: true }));
    // A server runs the fill on its own connection, alongside requests: nothing to yield to.
    requests = { sql };
  }
  // Closing the database stops the background fill between two steps.
  const closing = new AbortController();
  const database = new SqlDatabase(opts.driver, { ...requests.sql, close: () => (closing.abort(), requests.sql.close()) });
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
        // The rest one day at a time, yielding to requests (lib/db/schedule-fill.ts says why).
        void fillSchedule(sql, days, FIRST_START_DAYS + 1, { activity: requests.activity, signal: closing.signal })
          .then((flights) => flights && opts.log?.('schedule extended', { days, flights }))
          .catch((err) => closing.signal.aborted || opts.log?.('schedule extension failed', { error: (err as Error).message }));
      }
    }
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
  return database;
}
