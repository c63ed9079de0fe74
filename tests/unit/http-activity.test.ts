import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { anyActivity, inFlightAlso, trackHttpRequests } from '@/lib/db/activity';
import { fillSchedule } from '@/lib/db/schedule-fill';
import type { SqlClient } from '@/lib/db/sql';

// The background schedule fill also yields to HTTP requests in flight that run no statement (a
// page compiling in `next dev`): lib/db/activity.ts counts them from Node's diagnostics channel.
// A real server and real requests here; only the event streams are left out of the count.

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

/** A server whose responses stay open until the test ends them. */
async function holdingServer() {
  const held: ServerResponse[] = [];
  const server = createServer((_req, res) => void held.push(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)), () => server.closeAllConnections());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const arrived = async (n: number) => { while (held.length < n) await new Promise((r) => setTimeout(r, 5)); };
  return { url, held, arrived };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('trackHttpRequests', () => {
  it('counts a request from its arrival until its response ends, and the idle time after', async () => {
    let t = 1_000;
    const http = trackHttpRequests(() => t);
    cleanups.push(http.stop);
    const { url, held, arrived } = await holdingServer();
    expect(http.activity.inFlight()).toBe(0);

    const answer = fetch(`${url}/compiling-page`).then((r) => r.text());
    await arrived(1);
    expect(http.activity.inFlight()).toBe(1);
    expect(http.activity.idleMs()).toBe(0);

    held[0].end('done');
    await answer;
    await settle();
    expect(http.activity.inFlight()).toBe(0);
    t += 300;
    expect(http.activity.idleMs()).toBe(300);
  });

  it('stops counting a request the client abandons', async () => {
    const http = trackHttpRequests();
    cleanups.push(http.stop);
    const { url, arrived } = await holdingServer();
    const abort = new AbortController();
    const gone = fetch(`${url}/slow`, { signal: abort.signal }).catch(() => 'aborted');
    await arrived(1);
    expect(http.activity.inFlight()).toBe(1);
    abort.abort();
    expect(await gone).toBe('aborted');
    await settle();
    expect(http.activity.inFlight()).toBe(0);
  });

  it('leaves event streams out: a tab left open must not hold the fill off for good', async () => {
    const http = trackHttpRequests();
    cleanups.push(http.stop);
    const { url, arrived } = await holdingServer();
    const abort = new AbortController();
    cleanups.push(() => abort.abort());
    void fetch(`${url}/api/v1/events`, { headers: { accept: 'text/event-stream' }, signal: abort.signal }).catch(() => {});
    await arrived(1);
    expect(http.activity.inFlight()).toBe(0);
  });

  it('counts nothing once stopped', async () => {
    const http = trackHttpRequests();
    http.stop();
    const { url, held, arrived } = await holdingServer();
    void fetch(url).catch(() => {});
    await arrived(1);
    expect(http.activity.inFlight()).toBe(0);
    held[0].end();
  });
});

/** A database whose every fill step adds one flight, recording the horizon each step asked for. */
function recordingFill() {
  const steps: number[] = [];
  const sql: SqlClient = {
    query: async <T>(_text: string, values?: unknown[]) => (steps.push(values?.[0] as number), [{ result: { inserted: 1 } }] as T[]),
    exec: async () => {},
    transaction: async (fn) => fn(sql),
    close: async () => {},
  };
  return { sql, steps };
}

describe('the fill with HTTP activity', () => {
  it('takes no step while a request without statements is in flight, and resumes after it', async () => {
    const statements = { inFlight: () => 0, idleMs: () => 60_000 };
    const http = trackHttpRequests();
    cleanups.push(http.stop);
    const { url, held, arrived } = await holdingServer();
    const { sql, steps } = recordingFill();

    const page = fetch(`${url}/`).then((r) => r.text());
    await arrived(1);
    const fill = fillSchedule(sql, 23, 22, { activity: anyActivity(statements, http.activity), quietMs: 30, pollMs: 5, maxWaitMs: 10_000 });
    await new Promise((r) => setTimeout(r, 150));
    expect(steps).toEqual([]); // the page is still "compiling"

    held[0].end('home');
    await page;
    expect(await fill).toBe(2);
    expect(steps).toEqual([22, 23]);
  });

  it('under next start, waits out a request in flight but not a quiet moment after it', async () => {
    // The statements have been quiet for a minute; a script chunk is being served.
    const statements = { inFlight: () => 0, idleMs: () => 60_000 };
    const http = trackHttpRequests();
    cleanups.push(http.stop);
    const activity = inFlightAlso(statements, http.activity);
    const { url, held, arrived } = await holdingServer();
    const { sql, steps } = recordingFill();

    const chunk = fetch(`${url}/_next/static/chunks/a.js`).then((r) => r.text());
    await arrived(1);
    expect(activity.inFlight()).toBe(1);
    expect(activity.idleMs()).toBe(0);
    // The statements' quiet minute meets quietMs; had the chunk's quiet to count as well (as
    // under next dev), the fill would wait a minute after it and this test would time out.
    const fill = fillSchedule(sql, 23, 22, { activity, quietMs: 60_000, pollMs: 5, maxWaitMs: 600_000 });
    await new Promise((r) => setTimeout(r, 150));
    expect(steps).toEqual([]);

    held[0].end('chunk');
    await chunk;
    expect(await fill).toBe(2);
    expect(steps).toEqual([22, 23]);
    expect(activity.idleMs()).toBe(60_000);
  });
});
