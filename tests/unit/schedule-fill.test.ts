import { describe, expect, it } from 'vitest';
import { trackActivity } from '@/lib/db/activity';
import { fillSchedule } from '@/lib/db/schedule-fill';
import type { SqlClient } from '@/lib/db/sql';

/** A fake database that records statements in order; `extend_schedule` adds 10 flights per call. */
function fakeSql(log: string[]): SqlClient {
  return {
    async query<T>(text: string, values?: unknown[]) {
      log.push(text.includes('extend_schedule') ? `step ${values?.[0]}` : text);
      return [{ result: { inserted: 10 } }] as T[];
    },
    async exec() {},
    async transaction(fn) {
      return fn(this);
    },
    async close() {},
  };
}

/** A clock the waits advance, so no test depends on real time; `after` resolves once it has advanced far enough. */
function fakeClock() {
  let t = 0;
  const timers: { due: number; resolve: () => void }[] = [];
  const flush = async () => { for (let i = 0; i < 5; i++) await Promise.resolve(); };
  return {
    now: () => t,
    wait: async (ms: number) => {
      t += Math.max(ms, 1);
      for (const timer of timers.filter((x) => x.due <= t)) timer.resolve();
      await flush();
    },
    after: (ms: number) => new Promise<void>((resolve) => timers.push({ due: t + ms, resolve })),
  };
}

describe('fillSchedule', () => {
  it('extends the schedule one day per statement up to the horizon', async () => {
    const log: string[] = [];
    const flights = await fillSchedule(fakeSql(log), 25, 22);
    expect(log).toEqual(['step 22', 'step 23', 'step 24', 'step 25']);
    expect(flights).toBe(40);
  });

  it('lets a request that arrives during a step finish before the next step', async () => {
    const log: string[] = [];
    const clock = fakeClock();
    const raw = fakeSql(log);
    // the request's statement runs 300 ms
    const slowRequest: SqlClient = { ...raw, query: async <T>() => { log.push('request starts'); await clock.after(300); log.push('request ends'); return [] as T[]; } };
    const { sql: requests, activity } = trackActivity(slowRequest, clock.now);
    await fillSchedule(raw, 24, 22, {
      activity, now: clock.now, wait: clock.wait, quietMs: 100, pollMs: 10,
      onStep: (h) => { if (h === 22) void requests.query('select request'); },
    });
    expect(log).toEqual(['step 22', 'request starts', 'request ends', 'step 23', 'step 24']);
  });

  it('without a request tracker, steps run back to back (a PostgreSQL server)', async () => {
    const log: string[] = [];
    const clock = fakeClock();
    const raw = fakeSql(log);
    const slowRequest: SqlClient = { ...raw, query: async <T>() => { log.push('request starts'); await clock.after(300); log.push('request ends'); return [] as T[]; } };
    await fillSchedule(raw, 23, 22, { onStep: (h) => { if (h === 22) void slowRequest.query('select request'); } });
    expect(log).toEqual(['step 22', 'request starts', 'step 23']);
  });

  it('waits while requests are in flight and until the database has been quiet', async () => {
    const log: string[] = [];
    const raw = fakeSql(log);
    const clock = fakeClock();
    const { activity } = trackActivity(raw, clock.now);
    let busy = 3;
    const stepsAt: number[] = [];
    const tracked = { inFlight: () => (busy > 0 ? busy-- : 0), idleMs: activity.idleMs };
    await fillSchedule(raw, 22, 22, { activity: tracked, now: clock.now, wait: clock.wait, quietMs: 100, pollMs: 10, onStep: () => stepsAt.push(clock.now()) });
    // three polls busy, then quiet for 100 ms: the step starts only after both
    expect(stepsAt[0]).toBeGreaterThanOrEqual(100);
    expect(busy).toBe(0);
  });

  it('still advances under sustained load, one day after each maximum wait', async () => {
    const log: string[] = [];
    const clock = fakeClock();
    const alwaysBusy = { inFlight: () => 1, idleMs: () => 0 };
    const stepsAt: number[] = [];
    await fillSchedule(fakeSql(log), 23, 22, { activity: alwaysBusy, now: clock.now, wait: clock.wait, maxWaitMs: 500, pollMs: 50, onStep: () => stepsAt.push(clock.now()) });
    expect(log).toEqual(['step 22', 'step 23']);
    expect(stepsAt[1] - stepsAt[0]).toBeGreaterThanOrEqual(500);
    expect(stepsAt[1] - stepsAt[0]).toBeLessThan(700);
  });

  it('stops between steps once the database is closing', async () => {
    const log: string[] = [];
    const closing = new AbortController();
    await fillSchedule(fakeSql(log), 120, 22, { signal: closing.signal, onStep: (h) => h === 23 && closing.abort() });
    expect(log).toEqual(['step 22', 'step 23']);
  });
});

describe('trackActivity', () => {
  it('counts statements in flight and the quiet time since the last one', async () => {
    const clock = fakeClock();
    let release!: () => void;
    const slow: SqlClient = { ...fakeSql([]), query: () => new Promise((r) => { release = () => r([]); }) };
    const { sql, activity } = trackActivity(slow, clock.now);
    const q = sql.query('select 1');
    expect(activity.inFlight()).toBe(1);
    expect(activity.idleMs()).toBe(0);
    release();
    await q;
    expect(activity.inFlight()).toBe(0);
    await clock.wait(40);
    expect(activity.idleMs()).toBe(40);
  });

  it('counts a statement that fails, and lets the error through', async () => {
    const failing: SqlClient = { ...fakeSql([]), query: async () => { throw new Error('boom'); } };
    const { sql, activity } = trackActivity(failing);
    await expect(sql.query('select 1')).rejects.toThrow('boom');
    expect(activity.inFlight()).toBe(0);
  });
});
