import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

/**
 * The HTTP requests this process is answering, from Node's own `http.server.request.start`
 * diagnostics channel (no patching of Next's server). A page's first visit in `next dev` is a
 * request in flight for the whole of its compile, with no statement to show for it; a fill step
 * taken then costs the compiler one of the machine's cores and delays the page's render behind
 * the step. Event streams (Accept: text/event-stream, the live updates every page opens) stay
 * open for as long as the tab does, so they are not counted: they would hold the fill off for good.
 */
export function trackHttpRequests(now: () => number = () => performance.now()): { activity: DatabaseActivity; stop: () => void } {
  let running = 0;
  let lastDone = now();
  const onStart = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (request.headers.accept?.includes('text/event-stream')) return;
    running++;
    // 'close' comes for every response, finished or abandoned by the client ('finish' does not).
    response.once('close', () => {
      running--;
      lastDone = now();
    });
  };
  subscribe('http.server.request.start', onStart);
  return {
    activity: { inFlight: () => running, idleMs: () => (running > 0 ? 0 : now() - lastDone) },
    stop: () => unsubscribe('http.server.request.start', onStart),
  };
}

/** Busy while any of the sources is; idle for as long as the most recently busy one has been. */
export function anyActivity(...sources: DatabaseActivity[]): DatabaseActivity {
  return {
    inFlight: () => sources.reduce((sum, s) => sum + s.inFlight(), 0),
    idleMs: () => Math.min(...sources.map((s) => s.idleMs())),
  };
}

/**
 * Busy while either has work in flight, but quiet for as long as `quietOf` has been: HTTP requests
 * under `next start`. A script chunk or a page without statements must not wait behind a run of
 * fill steps — between two steps the server gets one turn of its event loop, and serving a file
 * takes several, so without this a chunk asked for during the fill took up to 3 s (session 18) —
 * yet a steady stream of short requests (an end-to-end run) must not hold the fill off for want
 * of a quiet second, which is what counting their idle time too would do.
 */
export function inFlightAlso(quietOf: DatabaseActivity, also: DatabaseActivity): DatabaseActivity {
  return {
    inFlight: () => quietOf.inFlight() + also.inFlight(),
    idleMs: () => (also.inFlight() > 0 ? 0 : quietOf.idleMs()),
  };
}
