// Two app instances on one PostgreSQL database (issue #14, "More than one machine"): the
// production build started twice, as two stateless instances behind a load balancer would be,
// and checked for what must not depend on which instance a request reaches:
//   1. rate limits are shared: requests alternating between the instances use one budget;
//   2. caches are invalidated across instances: a deny rule added through A refuses the next
//      request B sees (NOTIFY), well before B's copy of the lists would have run out (10 s);
//   3. jobs run single-flight: while a run holds a job's lease neither instance runs it;
//   4. live updates cross instances: a booking made through A reaches its owner's SSE stream on B;
//   5. search answers are shared: B answers a search A just made from the answers the instances
//      share on the database (a shared hit on B, no search);
//   6. an API key moved to another plan through A is counted on it by B from its next request.
//
// Needs TEST_DATABASE_URL (a PostgreSQL server where it may create a database) and the e2e build
// (`next build` into .next-e2e; npm test builds it first). Run: npx tsx tests/multi/two-instances.mts
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { mintClerkToken } from '@/e2e/support/clerk';
import { E2E_ADMIN_CLERK_ID, E2E_CRON_SECRET, E2E_DIST_DIR, E2E_PORT, serverEnv } from '@/e2e/support/server-env.mjs';
import { SseReader } from '@/tests/support/sse';

const admin = process.env.TEST_DATABASE_URL;
if (!admin) {
  console.error('two-instances needs TEST_DATABASE_URL: a PostgreSQL server where it may create a database.');
  process.exit(2);
}
if (!existsSync(`${E2E_DIST_DIR}/BUILD_ID`)) {
  console.error(`two-instances needs the production build in ${E2E_DIST_DIR} (npm test builds it; or: NEXT_DIST_DIR=${E2E_DIST_DIR} npm run build).`);
  process.exit(2);
}

const PORT_A = Number(process.env.MULTI_PORT ?? E2E_PORT + 6);
const PORT_B = PORT_A + 1;
const ANONYMOUS_LIMIT = 10;
const dbName = `tq_multi_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => { const u = new URL(admin); u.pathname = `/${dbName}`; return u.toString(); })();
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.log(`[multi] ${msg}`);
let stopping = false;

async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = [], url = dbUrl): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return (await c.query(text, values)).rows as T[]; } finally { await c.end(); }
}

function start(port: number, first: boolean): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnv(), DATABASE_URL: dbUrl,
    // The first instance migrates and seeds; the second starts on the database as it finds it.
    AUTO_MIGRATE: first ? '1' : '0', SEED_ON_START: first ? '1' : '0', SCHEDULE_DAYS: '14',
    JOBS_SCHEDULER: 'off', LOG_LEVEL: 'warn', RATE_LIMIT_ANONYMOUS: String(ANONYMOUS_LIMIT),
    // Search answers kept long enough that B asks within their life on a loaded machine (check 5).
    SEARCH_CACHE_SECONDS: '30' };
  delete env.PGLITE_DATA_DIR;
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', 'localhost', '-p', String(port)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => { if (!stopping) log(`instance on ${port} exited (${signal ?? code})`); });
  return child;
}

async function ready(child: ChildProcess, port: number) {
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the instance on ${port} exited while starting`);
    try {
      if ((await fetch(`http://localhost:${port}/api/health`, { headers: { 'x-forwarded-for': '192.0.2.250' } })).ok) return;
    } catch { /* not listening yet */ }
    await sleep(500);
  }
  throw new Error(`the instance on ${port} did not become ready in 5 minutes`);
}

const base = (port: number) => `http://localhost:${port}`;
const as = (user: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${mintClerkToken(user)}`, accept: 'application/json', ...extra });

await sql(`create database ${dbName}`, [], admin);
const instances: ChildProcess[] = [];
try {
  const a = start(PORT_A, true);
  instances.push(a);
  await ready(a, PORT_A);
  const b = start(PORT_B, false);
  instances.push(b);
  await ready(b, PORT_B);
  log(`instances ready on ${PORT_A} and ${PORT_B}, one database ${dbName}`);

  // 1. One budget: an anonymous caller alternating between the instances is refused after
  //    ANONYMOUS_LIMIT requests in all, not after that many on each.
  const statuses: number[] = [];
  for (let i = 0; i < ANONYMOUS_LIMIT + 2; i++) {
    const res = await fetch(`${base(i % 2 ? PORT_B : PORT_A)}/api/v1/airports?q=lon`, { headers: { 'x-forwarded-for': '198.51.100.23' } });
    statuses.push(res.status);
    if (res.status === 429) assert.ok(Number(res.headers.get('retry-after')) > 0, 'a 429 says when to retry');
  }
  assert.deepEqual(statuses, [...Array(ANONYMOUS_LIMIT).fill(200), 429, 429], `one shared budget across instances: ${statuses}`);
  log(`rate limit shared: ${statuses.join(' ')}`);

  // 2. A deny rule added through A reaches B at once. B reads (and keeps) the lists first.
  const caller = { 'x-forwarded-for': '203.0.113.77' };
  assert.equal((await fetch(`${base(PORT_B)}/api/v1/airports?q=par`, { headers: caller })).status, 200);
  const added = await fetch(`${base(PORT_A)}/api/v1/admin/rate-limits`, { method: 'POST',
    headers: as(E2E_ADMIN_CLERK_ID, { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.251' }),
    body: JSON.stringify({ cidr: '203.0.113.0/24', action: 'deny', note: 'two-instance test' }) });
  assert.equal(added.status, 201, `adding the rule: ${await added.clone().text()}`);
  const rule = (await added.json()).data as { id: number };
  const addedAt = Date.now();
  let refusedAfter = -1;
  while (Date.now() - addedAt < 5_000) {
    if ((await fetch(`${base(PORT_B)}/api/v1/airports?q=par`, { headers: caller })).status === 403) { refusedAfter = Date.now() - addedAt; break; }
    await sleep(100);
  }
  assert.ok(refusedAfter >= 0, 'instance B still let a denied address through 5 s after A added the rule: its cache was not invalidated');
  log(`deny rule added on A refused on B after ${refusedAfter} ms (B's cached copy would have lasted up to 10 s)`);
  const removed = await fetch(`${base(PORT_A)}/api/v1/admin/rate-limits/${rule.id}`, { method: 'DELETE', headers: as(E2E_ADMIN_CLERK_ID, { 'x-forwarded-for': '192.0.2.251' }) });
  assert.equal(removed.status, 200);

  // 3. Single flight: while another run holds expire-holds, neither instance runs it; then one does.
  const cron = (port: number, job: string) => fetch(`${base(port)}/api/cron/${job}`, { method: 'POST',
    headers: { authorization: `Bearer ${E2E_CRON_SECRET}`, 'x-forwarded-for': '192.0.2.252' } }).then(async (r) => ({ status: r.status, body: await r.json() }));
  await sql("insert into traqora.job_leases (job, owner, expires_at) values ('expire-holds', 'a third instance', now() + interval '1 minute')");
  for (const port of [PORT_A, PORT_B]) {
    const r = await cron(port, 'expire-holds');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.result, { skipped: 'running elsewhere' }, `instance ${port} ran a job another instance holds`);
  }
  await sql("delete from traqora.job_leases where job = 'expire-holds'");
  const runs = await Promise.all([cron(PORT_A, 'expire-holds'), cron(PORT_B, 'expire-holds'), cron(PORT_A, 'domain-events'), cron(PORT_B, 'domain-events')]);
  for (const r of runs) assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.ok(runs.slice(0, 2).some((r) => !r.body.result?.skipped), 'with the lease free, expire-holds ran');
  assert.deepEqual(await sql('select job from traqora.job_leases'), [], 'every run gave its lease back');
  log(`single flight: both skipped while held; then ${runs.slice(0, 2).map((r) => (r.body.result?.skipped ? 'skipped' : 'ran')).join(' + ')}`);

  // 4. A booking made through A reaches its owner's live stream on B.
  const user = `user_multi_${randomUUID().slice(0, 8)}`;
  const controller = new AbortController();
  const stream = await fetch(`${base(PORT_B)}/api/v1/events`, { headers: as(user, { accept: 'text/event-stream' }), signal: controller.signal });
  assert.equal(stream.status, 200);
  const events = new SseReader(stream.body!);
  assert.equal((await events.next(15_000))?.event, 'ready');
  let offer: { fare_options: { id: string }[] } | undefined;
  for (let d = 7; d < 12 && !offer; d++) {
    const search = await (await fetch(`${base(PORT_A)}/api/v1/flights/search?from=JFK&to=LHR&date=${day(d)}&adults=1&limit=3`, { headers: as(user) })).json();
    offer = search.data?.[0];
  }
  assert.ok(offer, 'no JFK-LHR offer in the seeded schedule');
  const booked = await fetch(`${base(PORT_A)}/api/v1/bookings`, { method: 'POST', headers: as(user, { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    body: JSON.stringify({ offer_id: offer.fare_options[0].id, contact: { email: 'multi@example.com', phone: '+447700900123' },
      passengers: [{ type: 'adult', given_name: 'Multi', family_name: 'Instance', date_of_birth: '1980-01-01',
        document: { type: 'passport', number: 'M12345678', issuing_country: 'GB', expires_on: '2035-01-01' } }] }) });
  assert.equal(booked.status, 201, await booked.clone().text());
  const pnr = (await booked.json()).data.pnr as string;
  let heard: { type: string; data: { pnr?: string } } | undefined;
  const until = Date.now() + 20_000;
  while (!heard && Date.now() < until) {
    const msg = await events.next(until - Date.now());
    if (!msg) break;
    if (msg.event === 'ready') continue;
    const parsed = JSON.parse(msg.data) as { type: string; data: { pnr?: string } };
    if (parsed.type === 'booking.held' && parsed.data.pnr === pnr) heard = parsed;
  }
  controller.abort();
  assert.ok(heard, `the stream on B never carried booking.held for ${pnr}, booked through A`);
  log(`booking ${pnr} made on A arrived on B's stream`);

  // 5. A search made on A is answered on B from the shared answers: B's metrics count a shared
  //    hit and no miss (the database did not search for B), and the offers are the same flights.
  const lookups = async (port: number) => {
    const text = await (await fetch(`${base(port)}/api/metrics`)).text();
    const read = (outcome: string) => Number(new RegExp(`^traqora_search_cache_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { shared_hit: read('shared_hit'), miss: read('miss') };
  };
  const route = `/api/v1/flights/search?from=ATL&to=LAX&date=${day(9)}&adults=1&limit=5`;
  const searcher = { 'x-forwarded-for': '192.0.2.253' };
  const flightsOf = (body: { data: { slices: { segments: { flight_id: number }[] }[] }[] }) =>
    body.data.map((o) => o.slices.map((sl) => sl.segments.map((g) => g.flight_id)));
  const [beforeA, beforeB] = [await lookups(PORT_A), await lookups(PORT_B)];
  const onA = await fetch(base(PORT_A) + route, { headers: searcher });
  assert.equal(onA.status, 200, await onA.clone().text());
  const onB = await fetch(base(PORT_B) + route, { headers: searcher });
  assert.equal(onB.status, 200, await onB.clone().text());
  const [afterA, afterB] = [await lookups(PORT_A), await lookups(PORT_B)];
  assert.equal(afterA.miss - beforeA.miss, 1, 'A searched the database for the new search');
  assert.deepEqual({ shared_hit: afterB.shared_hit - beforeB.shared_hit, miss: afterB.miss - beforeB.miss }, { shared_hit: 1, miss: 0 },
    'B did not answer the search A made from the shared answers');
  const [fromA, fromB] = [flightsOf(await onA.json()), flightsOf(await onB.json())];
  assert.ok(fromA.length > 0, 'no ATL-LAX offer in the seeded schedule');
  assert.deepEqual(fromB, fromA);
  log(`search shared: B answered A's search (${fromA.length} offers) from the database without searching`);

  // 6. A plan change made through A counts on B at the key's very next request (the plan is read
  //    with the key, never cached by an instance).
  const holder = `user_multi_${randomUUID().slice(0, 8)}`;
  const made = await fetch(`${base(PORT_A)}/api/v1/api-keys`, { method: 'POST', headers: as(holder, { 'content-type': 'application/json' }),
    body: JSON.stringify({ name: 'Multi feed', scope: 'read' }) });
  assert.equal(made.status, 201, await made.clone().text());
  const issued = (await made.json()) as { key: string; data: { id: string } };
  const policyOnB = async () => (await fetch(`${base(PORT_B)}/api/v1/me`, { headers: { authorization: `Bearer ${issued.key}`, 'x-forwarded-for': '192.0.2.253' } })).headers.get('ratelimit-policy');
  assert.match((await policyOnB()) ?? '', /^"api-key:standard";/);
  const moved = await fetch(`${base(PORT_A)}/api/v1/admin/api-keys/${issued.data.id}`, { method: 'PATCH',
    headers: as(E2E_ADMIN_CLERK_ID, { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.251' }), body: JSON.stringify({ plan: 'partner' }) });
  assert.equal(moved.status, 200, await moved.clone().text());
  assert.match((await policyOnB()) ?? '', /^"api-key:partner";q=6000;/, 'B still counted the key on its old plan after A moved it');
  log('plan changed on A counted on B at the next request');
  log('ok: rate limits shared, caches invalidated, jobs single-flight, live events cross instances, search answers shared, plan changes apply everywhere at once');
} finally {
  stopping = true;
  for (const child of instances) {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }
  await sql(`drop database if exists ${dbName} with (force)`, [], admin);
}
