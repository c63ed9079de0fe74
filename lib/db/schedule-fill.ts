import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseActivity } from './activity';
import type { SqlClient } from './sql';

// How the schedule reaches its 120-day horizon after a first start without holding anyone up.
//
// On PGlite every statement runs on the server's own thread: while a generation statement runs,
// nothing else does — no request, not even Next's dev compiler answering the browser. Three
// designs were weighed:
//  - a precomputed schedule shipped in the seed and shifted to today: every start would rewrite
//    ~40,000 flights and their cabins (shifting times across DST in each origin's zone), a
//    bigger single statement than the one it replaces, and a second source of truth next to
//    generate_schedule;
//  - dates generated on demand when first searched: the search path (owned by search, cached by
//    the platform) would have to write, and a search for day 60 would pay the generation;
//  - cooperative small steps (this): the near term is generated before the server answers, the
//    rest one day per statement (0.35–0.45 s in memory on a quiet 2-core machine, session 17),
//    and before every step the fill waits until no request is in flight — no statement and no
//    HTTP request (a script chunk; under `next dev` a page compiling on its first visit, which runs
//    no statement for many seconds) — and the statements (under `next dev`, the requests too)
//    have been quiet for a moment (lib/db/activity.ts). A request therefore waits behind at most
//    one one-day step, never behind the fill (bench/fill-static.mts measures a chunk's wait).
//    Under sustained traffic the fill still advances one step every `maxWaitMs` (10 s: long
//    enough that a page's several statements are rarely split by a step), so the horizon is
//    always reached.

export interface FillOptions {
  /** Requests' use of the database and of the server (PGlite); without it (a PostgreSQL server) steps run back to back. */
  activity?: DatabaseActivity;
  /**
   * The database must have been idle this long before a step starts. A second: the step also
   * stalls what is not a statement — Next serving a page's script chunks, its dev compiler — and
   * a page's chunks follow its HTML within about that on a quiet machine.
   */
  quietMs?: number;
  /** Under sustained load, take a step anyway after waiting this long (steps stay one day). */
  maxWaitMs?: number;
  /** How often to look again while waiting. */
  pollMs?: number;
  wait?: (ms: number) => Promise<unknown>;
  now?: () => number;
  /** Stops the fill between steps (the database is closing). */
  signal?: AbortSignal;
  /** Called after each step (tests, logs). */
  onStep?: (horizon: number, inserted: number) => void;
}

/** Waits until the database is quiet, or `maxWaitMs` has passed. */
async function yieldToRequests(activity: DatabaseActivity, o: Required<Pick<FillOptions, 'quietMs' | 'maxWaitMs' | 'pollMs' | 'wait' | 'now'>>) {
  const started = o.now();
  // Always give the event loop a turn: requests that arrived during the last step start here.
  await o.wait(0);
  while (activity.inFlight() > 0 || activity.idleMs() < o.quietMs) {
    if (o.now() - started >= o.maxWaitMs) return;
    await o.wait(o.pollMs);
  }
}

/**
 * Extends the schedule from `fromDays` to `days` ahead of today, one day per transaction,
 * yielding to requests between the steps. Returns the number of flights added.
 */
export async function fillSchedule(sql: SqlClient, days: number, fromDays: number, options: FillOptions = {}): Promise<number> {
  const o = {
    quietMs: options.quietMs ?? 1_000,
    maxWaitMs: options.maxWaitMs ?? 10_000,
    pollMs: options.pollMs ?? 50,
    wait: options.wait ?? ((ms: number) => sleep(ms)),
    now: options.now ?? (() => performance.now()),
  };
  let inserted = 0;
  for (let horizon = Math.max(1, fromDays); horizon <= days; horizon++) {
    if (options.activity) await yieldToRequests(options.activity, o);
    if (options.signal?.aborted) break;
    const [{ result }] = await sql.query<{ result: { inserted: number } }>('select public.extend_schedule($1) as result', [horizon]);
    inserted += result.inserted;
    options.onStep?.(horizon, result.inserted);
  }
  return inserted;
}
