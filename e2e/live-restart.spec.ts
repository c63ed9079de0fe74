import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { SseReader } from '@/tests/support/sse';
import { mintClerkToken, signInWithClerk } from './support/clerk';
import { E2E_CRON_SECRET, E2E_PORT, serverEnv } from './support/server-env.mjs';
import { expect, expectAccessible, test } from './support/test';

// A live stream survives a restart of the app process (issue #13: "reconnect after a server
// restart resumes from Last-Event-ID with nothing lost"). This spec runs its own instance of the
// e2e build on an on-disk PGlite database, so the process can be stopped and started again on
// the same data. The trip page stays open in Chromium throughout; while the app is down and
// until the test lets it reconnect, the booking is paid and the notifications consumer runs, so
// those events can only reach the page by the resume. What the page's own EventSource received
// after the restart must be exactly what a fresh stream sent with Last-Event-ID replays: every
// event, in order, none twice.

const PORT = E2E_PORT + 4;
const BASE = `http://localhost:${PORT}`;
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dataDir: string;
let app: ChildProcess | undefined;

function startApp(): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnv(), PGLITE_DATA_DIR: dataDir, SCHEDULE_DAYS: '14',
    // jobs only when the test asks (the cron endpoint): the events it waits for are its own
    JOBS_SCHEDULER: 'off', LOG_LEVEL: 'warn' };
  // its own process group, so stopping it stops whatever next start spawned too
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', 'localhost', '-p', String(PORT)],
    { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  return child;
}

async function ready(child: ChildProcess) {
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the app on ${PORT} exited while starting`);
    try {
      if ((await fetch(`${BASE}/`)).ok) return;
    } catch { /* not listening yet */ }
    await sleep(500);
  }
  throw new Error(`the app on ${PORT} did not become ready in 5 minutes`);
}

async function stopApp(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await Promise.race([exited, sleep(15_000).then(() => { if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL'); })]);
  await exited;
}

async function holdBooking(request: APIRequestContext, auth: string): Promise<string> {
  let search: { data?: { fare_options: { id: string; fare_family: string }[] }[] } = {};
  await expect.poll(async () => {
    search = await (await request.get(`${BASE}/api/v1/flights/search?from=JFK&to=LHR&date=${day(12)}&max_stops=0`)).json();
    return search.data?.length ?? 0;
  }, { timeout: 120_000 }).toBeGreaterThan(0);
  const standard = search.data![0].fare_options.find((f) => f.fare_family === 'standard')!;
  const created = await request.post(`${BASE}/api/v1/bookings`, {
    headers: { authorization: auth, 'idempotency-key': randomUUID() },
    data: { offer_id: standard.id, passengers: [{ type: 'adult', given_name: 'Rey', family_name: 'Restart', date_of_birth: '1990-01-02',
      document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'GB', expires_on: '2035-01-01' } }],
      contact: { email: 'rey@example.com', phone: '+447700900125' } },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).data.pnr;
}

const runConsumers = async (request: APIRequestContext) =>
  expect((await request.post(`${BASE}/api/cron/domain-events`, { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } })).status()).toBe(200);

interface Seen { id: number; type: string }
declare global {
  interface Window { __liveSeen: Seen[]; __liveUrls: string[] }
}

test.describe('live stream across a server restart', () => {
  test.beforeAll(async () => {
    test.setTimeout(360_000);
    dataDir = mkdtempSync(path.join(tmpdir(), 'traqora-restart-'));
    app = startApp();
    await ready(app);
  });
  test.afterAll(async () => {
    await stopApp(app);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the open trip page resumes from its last event id after the app restarts: nothing missed, nothing twice', async ({ page, context }) => {
    test.setTimeout(600_000);
    const who = 'user_e2e_live_restart';
    const auth = `Bearer ${mintClerkToken(who)}`;
    await signInWithClerk(context, who, { name: 'Rey Restart' });
    const pnr = await holdBooking(page.request, auth);

    // Every message the app's own EventSource receives, and every URL it opens.
    await page.addInitScript(() => {
      window.__liveSeen = [];
      window.__liveUrls = [];
      const Native = window.EventSource;
      window.EventSource = class extends Native {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          window.__liveUrls.push(String(url));
          this.addEventListener('message', (e) => {
            window.__liveSeen.push({ id: Number((e as MessageEvent).lastEventId), type: JSON.parse((e as MessageEvent).data).type });
          });
        }
      };
    });
    await page.goto(`${BASE}/trips/${pnr}`);
    await expect(page.getByText('Seats held · awaiting payment').first()).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => page.evaluate(() => window.__liveUrls.length)).toBe(1);
    await expect(page.getByTestId('live-status')).toHaveCount(0);   // live
    // one event live before the restart: the hold's notification
    await runConsumers(page.request);
    await expect.poll(() => page.evaluate(() => window.__liveSeen.filter((m) => m.type === 'notification.created').length)).toBe(1);
    const before = await page.evaluate(() => window.__liveSeen);
    const lastBefore = before.at(-1)!.id;

    // The app goes down; the page may not reconnect until the test says so.
    await page.route(`${BASE}/api/v1/events**`, (r) => r.abort());
    await stopApp(app);
    await expect(page.getByTestId('live-status')).toBeVisible({ timeout: 30_000 });   // the header says it is not live
    app = startApp();
    await ready(app);

    // While the page is cut off: the booking is paid and the consumers run (payment, booking and
    // notification events the page has not seen).
    const paid = await page.request.post(`${BASE}/api/v1/bookings/${pnr}/payments`, { headers: { authorization: auth, 'idempotency-key': randomUUID() } });
    expect(paid.status()).toBe(201);
    await runConsumers(page.request);

    // What a stream resumed from the page's last event id replays (the header a browser sends).
    const ctrl = new AbortController();
    const res = await fetch(`${BASE}/api/v1/events`, { headers: { authorization: auth, 'last-event-id': String(lastBefore) }, signal: ctrl.signal });
    expect(res.status).toBe(200);
    const reader = new SseReader(res.body!);
    const replayed: Seen[] = [];
    for (;;) {
      let m;
      try { m = await reader.next(3_000); } catch { break; }   // quiet: the replay is over
      if (!m) break;
      if (m.event === 'message' && m.id) replayed.push({ id: Number(m.id), type: JSON.parse(m.data).type });
    }
    ctrl.abort();
    expect(replayed.map((m) => m.type)).toEqual(expect.arrayContaining(['payment.confirmed', 'booking.paid', 'notification.created']));
    expect(replayed.every((m) => m.id > lastBefore)).toBe(true);

    // Let the page back in: its own reconnect resumes after the last id it saw.
    await page.unroute(`${BASE}/api/v1/events**`);
    await expect(page.getByTestId('live-status')).toHaveCount(0, { timeout: 60_000 });
    await expect.poll(() => page.evaluate(() => window.__liveSeen.length), { timeout: 30_000 }).toBeGreaterThanOrEqual(before.length + replayed.length);
    await sleep(2_000);   // anything doubled would arrive now
    const seen = await page.evaluate(() => window.__liveSeen);
    const urls = await page.evaluate(() => window.__liveUrls);
    expect(urls.at(-1)).toBe(`/api/v1/events?since=${lastBefore}`);
    expect(seen.slice(0, before.length)).toEqual(before);
    expect(seen.slice(before.length)).toEqual(replayed);                     // nothing missed, in order
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);            // nothing twice

    // The page, never reloaded, shows what happened while it was away, and says so once.
    await expect(page.getByText('Confirmed · paid into escrow').first()).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(`Booking ${pnr} is confirmed`)).toHaveCount(1);   // the toast, once
    // the bell counts every notification, the ones made while the page was away included
    const made = seen.filter((m) => m.type === 'notification.created').length;
    expect(made).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('notification-bell')).toHaveAccessibleName(`Notifications, ${made} unread`);
    await expectAccessible(page, 'trip after a restart');
    await page.screenshot({ path: 'test-results/live-restart-resumed.png', fullPage: true });
  });
});
