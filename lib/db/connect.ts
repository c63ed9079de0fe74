import 'server-only';
import { config } from '@/lib/config';
import { logger } from '@/lib/log/logger';
import { openSqlDatabase } from './open';
import type { Database } from './port';

// One database per process, kept on globalThis so `next dev` hot reloads reuse it (PGlite
// must have exactly one owner per data dir). Opened lazily on first use, never at import.
const g = globalThis as unknown as { __traqoraDb?: Promise<Database> };

export function db(): Promise<Database> {
  g.__traqoraDb ??= open().catch((err) => {
    g.__traqoraDb = undefined; // let the next request retry instead of caching the failure
    throw err;
  });
  return g.__traqoraDb;
}

async function open(): Promise<Database> {
  const { env, mode } = config();
  if (mode.database === 'supabase') {
    // Loaded only here: supabase-js has no business on the embedded database's start-up path.
    const { SupabaseDatabase } = await import('./supabase-driver');
    return new SupabaseDatabase(env.SUPABASE_URL!, env.SUPABASE_SERVICE_ROLE_KEY!);
  }
  const started = Date.now();
  const database = await openSqlDatabase({
    driver: mode.database,
    connectionString: env.DATABASE_URL,
    dataDir: env.PGLITE_DATA_DIR,
    migrate: mode.autoMigrate,
    seedDays: mode.seedOnStart ? env.SCHEDULE_DAYS : undefined,
    yieldToHttp: env.NODE_ENV === 'development',
    log: (msg, extra) => logger.info(extra ?? {}, msg),
  });
  logger.info({ driver: database.driver, ms: Date.now() - started }, 'database ready');
  return database;
}
