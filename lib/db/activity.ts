import type { SqlClient, SqlQueryable } from './sql';

/** What the background schedule fill asks before each step: is anyone else using the database? */
export interface DatabaseActivity {
  /** Statements issued through the tracked client that have not finished yet. */
  inFlight(): number;
  /** Milliseconds since the last tracked statement finished (0 while one runs). */
  idleMs(): number;
}

/**
 * Wraps a client so every statement it runs is counted. On PGlite the database runs on the
 * server's own thread: the background fill uses the raw client and waits, between its steps,
 * until the requests' statements (through this wrapper) have drained — so it yields to them.
 */
export function trackActivity(sql: SqlClient, now: () => number = () => performance.now()): { sql: SqlClient; activity: DatabaseActivity } {
  let running = 0;
  let lastDone = now();
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    running++;
    try {
      return await work();
    } finally {
      running--;
      lastDone = now();
    }
  };
  const tracked: SqlClient = {
    query: <T>(text: string, values?: unknown[]) => track(() => sql.query<T>(text, values)),
    exec: (script: string) => track(() => sql.exec(script)),
    transaction: <T>(fn: (tx: SqlQueryable) => Promise<T>) => track(() => sql.transaction(fn)),
    close: () => sql.close(),
    // LISTEN is a standing subscription, not a statement the fill should wait behind.
    ...(sql.listen && { listen: sql.listen.bind(sql) }),
  };
  return {
    sql: tracked,
    activity: { inFlight: () => running, idleMs: () => (running > 0 ? 0 : now() - lastDone) },
  };
}
