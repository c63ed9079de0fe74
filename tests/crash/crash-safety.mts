// Crash safety on PostgreSQL (issue #16): the production build serves a burst of bookings,
// payments and cancellations from concurrent clients; the server is killed with SIGKILL in the
// middle of it, started again, every request is retried as a client would (same
// Idempotency-Key, same body), the jobs run, and then the database must hold:
//   - no seat held without a booking (each cabin's sold seats = its live bookings' seats),
//   - no paid booking without its ledger payment (and never two); each escrow holds exactly what
//     its booking's state says (the total while paid, nothing once refunded, cancelled or expired),
//   - a ledger trial balance of zero, every transaction balanced,
//   - no idempotency key answering two different results, none left half-written.
//
// Needs TEST_DATABASE_URL (a PostgreSQL server where it may create a database) and the e2e build
// (`next build` into .next-e2e; npm test builds it first). Run: npx tsx tests/crash/crash-safety.mts
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { mintClerkToken } from '@/e2e/support/clerk';
import { E2E_CRON_SECRET, E2E_DIST_DIR, E2E_PORT, serverEnv } from '@/e2e/support/server-env.mjs';

const admin = process.env.TEST_DATABASE_URL;
if (!admin) {
  console.error('crash-safety needs TEST_DATABASE_URL: a PostgreSQL server where it may create a database.');
  process.exit(2);
}
if (!existsSync(`${E2E_DIST_DIR}/BUILD_ID`)) {
  console.error(`crash-safety needs the production build in ${E2E_DIST_DIR} (npm test builds it; or: NEXT_DIST_DIR=${E2E_DIST_DIR} npm run build).`);
  process.exit(2);
}

const PORT = Number(process.env.CRASH_PORT ?? E2E_PORT + 5);
const BASE = `http://localhost:${PORT}`;
const WORKERS = 8;
const KILL_AFTER_OPS = Number(process.env.CRASH_KILL_AFTER ?? 120);
const dbName = `tq_crash_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => { const u = new URL(admin); u.pathname = `/${dbName}`; return u.toString(); })();

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.log(`[crash] ${msg}`);

async function sql<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return (await c.query(text, values)).rows as T[]; } finally { await c.end(); }
}

// --- the server ---------------------------------------------------------------------------------

function startServer(): ChildProcess {
  // next's own binary under this node, so the pid killed is the server itself, not a wrapper.
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnv(),
    DATABASE_URL: dbUrl, AUTO_MIGRATE: '1', SEED_ON_START: '1', SCHEDULE_DAYS: '30', JOBS_SCHEDULER: 'off', LOG_LEVEL: 'warn' };
  delete env.PGLITE_DATA_DIR;
  const child: ChildProcess = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', 'localhost', '-p', String(PORT)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => log(`server ${child.pid} exited (${signal ?? code})`));
  return child;
}

async function waitReady(child: ChildProcess) {
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error('the server exited while starting');
    try {
      if ((await fetch(`${BASE}/`)).ok) return;
    } catch { /* not listening yet */ }
    await sleep(500);
  }
  throw new Error('the server did not become ready in 5 minutes');
}

async function kill(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

// --- the clients --------------------------------------------------------------------------------

interface Sent { user: string; method: string; path: string; key?: string; body?: unknown }
interface Answer { status: number; json: { data?: Record<string, unknown> } | null }
interface Record_ { req: Sent; answer?: Answer; kind: 'book' | 'pay' | 'quote' | 'cancel' }

const records: Record_[] = [];
let completed = 0;

async function send(req: Sent): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${mintClerkToken(req.user)}`, accept: 'application/json' };
  if (req.key) headers['idempotency-key'] = req.key;
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${BASE}${req.path}`, { method: req.method, headers, body: req.body === undefined ? undefined : JSON.stringify(req.body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Sends and records; a request cut off by the crash stays recorded without an answer. */
async function act(kind: Record_['kind'], req: Sent): Promise<Answer | undefined> {
  const rec: Record_ = { req, kind };
  records.push(rec);
  rec.answer = await send(req);
  completed++;
  assert.ok(rec.answer.status < 500, `${req.method} ${req.path} answered ${rec.answer.status}: ${JSON.stringify(rec.answer.json)}`);
  return rec.answer;
}

const ROUTES = [['JFK', 'LHR'], ['LHR', 'JFK'], ['LAX', 'JFK'], ['JFK', 'LAX'], ['ORD', 'ATL'], ['ATL', 'ORD']];

async function client(n: number, stop: () => boolean) {
  const user = `user_crash_${n}`;
  for (let i = 0; !stop(); i++) {
    const [from, to] = ROUTES[(n + i) % ROUTES.length];
    const adults = 1 + (i % 3);
    const search = await fetch(`${BASE}/api/v1/flights/search?from=${from}&to=${to}&date=${day(8 + (i % 5))}&adults=${adults}&limit=3`).then((r) => r.json());
    const offer = search.data?.[i % Math.max(1, search.data.length)];
    if (!offer) continue;
    const body = { offer_id: offer.fare_options[0].id, contact: { email: `c${n}@example.com`, phone: '+447700900123' },
      passengers: Array.from({ length: adults }, (_, p) => ({ type: 'adult', given_name: `Crash${'abc'[p]}`, family_name: 'Tester', date_of_birth: '1980-01-01',
        document: { type: 'passport', number: `C${n}${i}${p}0000`, issuing_country: 'GB', expires_on: '2035-01-01' } })) };
    const booked = await act('book', { user, method: 'POST', path: '/api/v1/bookings', key: randomUUID(), body });
    if (booked?.status !== 201) continue;
    const pnr = booked.json!.data!.pnr as string;
    if (i % 4 !== 3) await act('pay', { user, method: 'POST', path: `/api/v1/bookings/${pnr}/payments`, key: randomUUID() });
    if (i % 3 === 0) {
      const quote = await act('quote', { user, method: 'POST', path: `/api/v1/bookings/${pnr}/cancellation-quote` });
      if (quote?.status === 200 || quote?.status === 201) {
        await act('cancel', { user, method: 'POST', path: `/api/v1/bookings/${pnr}/cancellation`, body: { quote_id: quote.json!.data!.id } });
      }
    }
  }
}

// --- the run ------------------------------------------------------------------------------------

await sql(admin, `create database ${dbName}`);
let server: ChildProcess | undefined;
try {
  server = startServer();
  await waitReady(server);
  log(`server ${server.pid} ready on ${BASE} with database ${dbName}`);

  // The burst, and the kill in the middle of it.
  let stopped = false;
  const workers = Array.from({ length: WORKERS }, (_, n) => client(n, () => stopped).catch((err: Error) => {
    if (err instanceof assert.AssertionError) throw err;
    return undefined; // cut off by the kill: the connection was refused or reset
  }));
  while (completed < KILL_AFTER_OPS) {
    if (server.exitCode !== null) throw new Error('the server died before the kill');
    await sleep(20);
  }
  const inFlight = records.filter((r) => !r.answer).length;
  await kill(server);
  stopped = true;
  await Promise.all(workers);
  const lost = records.filter((r) => !r.answer);
  log(`SIGKILL after ${completed} answered requests, ${inFlight} in flight (${lost.length} never answered)`);
  assert.ok(lost.length > 0, 'the kill should cut off at least one request; raise WORKERS or lower CRASH_KILL_AFTER');

  server = startServer();
  await waitReady(server);
  log('restarted');

  // Every request again, as a client retrying it would. A booking key answers what it answered
  // before (or, if its first answer was lost, one result from now on); payments and
  // cancellations are idempotent by the booking's state and the quote.
  const summary = (a: Answer) => ({ status: a.status, pnr: a.json?.data?.pnr, booking_status: a.json?.data?.status, total: a.json?.data?.total_minor });
  for (const rec of records.filter((r) => r.kind === 'book')) {
    const again = await send(rec.req);
    assert.ok(again.status < 500, `retrying ${rec.req.key} answered ${again.status}`);
    // A refusal stores nothing (nothing happened), so only a created booking binds its key.
    if (rec.answer && rec.answer.status < 300) {
      assert.deepEqual({ ...summary(again), status: again.status === 200 ? 201 : again.status, booking_status: undefined },
        { ...summary(rec.answer), booking_status: undefined }, `idempotency key ${rec.req.key} answered two different bookings`);
    } else if (!rec.answer) {
      const third = await send(rec.req);
      assert.equal(third.json?.data?.pnr, again.json?.data?.pnr, `idempotency key ${rec.req.key} answered two different bookings after the crash`);
    }
  }
  for (const rec of records.filter((r) => r.kind !== 'book' && !r.answer)) {
    const again = await send(rec.req);
    assert.ok(again.status < 500, `retrying ${rec.req.method} ${rec.req.path} answered ${again.status}: ${JSON.stringify(again.json)}`);
  }

  // Time passes: the unpaid holds run out, and the jobs run.
  await sql(dbUrl, "update traqora.bookings set hold_expires_at = now() - interval '1 minute' where status = 'held'");
  for (const job of ['expire-holds', 'release-flown', 'domain-events']) {
    const res = await fetch(`${BASE}/api/cron/${job}`, { method: 'POST', headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
    assert.ok(res.ok, `job ${job} answered ${res.status}: ${await res.text()}`);
  }

  // The invariants, read from the database itself.
  const seats = await sql(dbUrl, `
    with live as (
      select s.flight_id, b.cabin, sum(b.adults + b.children)::int as seats
      from traqora.bookings b join traqora.booking_segments s on s.booking_id = b.id
      where b.status in ('held', 'paid', 'completed') group by 1, 2)
    select fc.flight_id, fc.cabin, fc.capacity - fc.seats_available as sold, coalesce(l.seats, 0) as booked
    from traqora.flight_cabins fc left join live l using (flight_id, cabin)
    where fc.capacity - fc.seats_available <> coalesce(l.seats, 0)`);
  assert.deepEqual(seats, [], 'seats held without a booking (or a booking without its seats)');

  const unpaid = await sql(dbUrl, `
    select b.pnr, b.status, count(distinct t.id)::int as payments
    from traqora.bookings b left join traqora.ledger_transactions t on t.booking_id = b.id and t.kind = 'payment'
    where b.paid_at is not null or t.id is not null
    group by b.pnr, b.status, b.paid_at having count(distinct t.id) <> 1 or b.paid_at is null`);
  assert.deepEqual(unpaid, [], 'a paid booking without exactly one ledger payment (or a payment without a paid booking)');

  // The escrow holds a paid booking's total, and nothing once it is closed (refund, fee, release) or was never paid.
  const escrow = await sql(dbUrl, `
    select b.pnr, b.status, b.total_minor, coalesce(sum(p.amount_minor), 0)::bigint as escrow
    from traqora.bookings b
    left join traqora.ledger_accounts a on a.kind = 'escrow' and a.booking_id = b.id
    left join traqora.ledger_postings p on p.account_id = a.id
    group by b.id having coalesce(sum(p.amount_minor), 0) <> case when b.status = 'paid' then b.total_minor else 0 end`);
  assert.deepEqual(escrow, [], 'escrow balances that do not match the bookings');

  const unbalanced = await sql(dbUrl, 'select transaction_id, currency, sum(amount_minor)::bigint as sum from traqora.ledger_postings group by 1, 2 having sum(amount_minor) <> 0');
  assert.deepEqual(unbalanced, [], 'ledger transactions that do not balance');
  const [{ balance }] = await sql<{ balance: Record<string, number> }>(dbUrl, 'select public.ledger_trial_balance() as balance');
  assert.ok(Object.values(balance).every((v) => Number(v) === 0), `trial balance ${JSON.stringify(balance)}`);

  const halfWritten = await sql(dbUrl, 'select key from traqora.idempotency_keys where response is null');
  assert.deepEqual(halfWritten, [], 'idempotency keys without their stored answer');
  const held = await sql(dbUrl, "select pnr from traqora.bookings where status = 'held'");
  assert.deepEqual(held, [], 'holds left after expire-holds ran');

  const counts = Object.fromEntries((await sql<{ status: string; n: number }>(dbUrl,
    'select status, count(*)::int as n from traqora.bookings group by status order by status')).map((r) => [r.status, r.n]));
  const answers: Record<string, number> = {};
  for (const r of records) answers[`${r.kind} ${r.answer?.status ?? 'cut off'}`] = (answers[`${r.kind} ${r.answer?.status ?? 'cut off'}`] ?? 0) + 1;
  log(`answers: ${JSON.stringify(answers)}`);
  // The burst did what it claims: bookings, payments and cancellations all went through before the kill.
  for (const kind of ['book 201', 'pay 201', 'cancel 200']) assert.ok(answers[kind] > 0, `no "${kind}" answer in the burst: ${JSON.stringify(answers)}`);
  log(`ok: ${records.length} requests (${lost.length} cut off by SIGKILL), ${JSON.stringify(counts)}; seats, ledger and idempotency keys consistent`);
} finally {
  if (server && server.exitCode === null) await kill(server);
  await sql(admin, `drop database if exists ${dbName} with (force)`);
}
