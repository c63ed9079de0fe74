// Booking speed on a PostgreSQL server, and whether seats are conserved while it runs:
//   BENCH_DATABASE_URL=postgresql://… npx tsx bench/booking.mts [--dist .next-bench] [--baseline-dir <checkout>]
//        [--baseline-only] [--rounds 1] [--users 50] [--cpu-prof <dir>] [--profile-row <dir>] [--explain]
// For each build (this checkout's --dist and, with --baseline-dir, another checkout's own
// .next-bench: e.g. a worktree of main, measured in the same run, rounds alternating) it makes a
// fresh database, lets that build's server migrate and seed it (so each runs its own SQL), and
// measures:
//   - POST /api/v1/bookings at BENCH_CONNECTIONS (50) for BENCH_SECONDS, signed in as --users
//     Clerk users in turn (one user would make the per-user rate-limit counter one hot row);
//   - where each booking's CPU went: the app server's processes, PostgreSQL's, this process;
//   - what the database did per booking: transactions (each is a round trip: the app sends
//     single statements) and every function's calls and own time (track_functions), from 200
//     bookings sent one at a time;
//   - the floor: create_booking called directly, 50 at once, for as long as the HTTP row;
//   - conservation: the seats the flights lost equal the seats the written bookings hold, and no
//     cabin is below zero.
// --profile-row <dir> writes a V8 CPU profile of the app server over the HTTP row alone
// (bench/row-profile.ts; the inspector on BENCH_PORT + 1) and prints the command that summarises it.
// --explain prints every statement one booking's create_booking runs, with its time (auto_explain).
// Prints figures and the load average; asserts nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { mintClerkToken } from '@/e2e/support/clerk';
import { serverEnv } from '@/e2e/support/server-env.mjs';
import { cpuShare, type CpuGroups } from './cpu-share';
import { functionWork } from './db-work';
import { getFresh, load, printTable, startServer, timeConcurrentFor, type Figures } from './harness';
import { inspectorEnv, profileRow } from './row-profile';

const option = (name: string, fallback?: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const DIST = option('--dist', '.next-bench')!;
const BASELINE_DIR = option('--baseline-dir');
const ROUNDS = Number(option('--rounds', '1'));
const USERS = Number(option('--users', '50'));
const CPU_PROF = option('--cpu-prof');
const PROFILE_ROW = option('--profile-row');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3820);
const DAYS = 21;
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);

const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!admin) {
  console.error('bench/booking needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server).');
  process.exit(2);
}

// Nonstop offers on busy routes over two weeks: enough flights that no fare bucket fills during
// a row (a fuller cabin costs more, and an offer priced before would then answer 409).
const ROUTES = [['JFK', 'LHR'], ['LHR', 'JFK'], ['ATL', 'LAX'], ['LAX', 'ATL'], ['JFK', 'LAX'], ['LAX', 'JFK'], ['ORD', 'LHR'], ['LHR', 'ORD']];

const passenger = (i: number) => ({ type: 'adult', given_name: `Bench${'abcdefghijklmnopqrstuvwxyz'[i % 26]}`, family_name: 'Runner', date_of_birth: '1980-01-01',
  document: { type: 'passport', number: `X${100000 + i}`, issuing_country: 'GB', expires_on: '2036-01-01' } });
const contact = { email: 'bench@example.com', phone: '+447700900123' };

interface Offer { id: string; flights: number[] }

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

async function findOffers(server: string): Promise<Offer[]> {
  const offers: Offer[] = [];
  for (let d = 4; d < 19; d++) {
    for (const [from, to] of ROUTES) {
      const q = new URLSearchParams({ from, to, date: day(d), adults: '1', max_stops: '0', limit: '10' });
      const res = await (await getFresh(`${server}/api/v1/flights/search?${q}`)).json();
      for (const o of res.data ?? []) {
        const flex = o.fare_options.find((f: { fare_family: string }) => f.fare_family === 'flex');
        offers.push({ id: flex?.id ?? o.id, flights: o.slices.flatMap((s: { segments: { flight_id: number }[] }) => s.segments.map((g) => g.flight_id)) });
      }
    }
  }
  return offers;
}

/** Seats of the given flights' economy cabins, and how many bookings exist. */
async function seats(url: string, flights: number[]): Promise<{ byFlight: Map<number, number>; bookings: number; negative: number }> {
  return withClient(url, async (c) => {
    const rows = (await c.query<{ flight_id: string; n: number }>("select flight_id, seats_available as n from traqora.flight_cabins where cabin = 'economy' and flight_id = any ($1)", [flights])).rows;
    const [{ bookings }] = (await c.query<{ bookings: number }>('select count(*)::int as bookings from traqora.bookings')).rows;
    const [{ negative }] = (await c.query<{ negative: number }>('select count(*)::int as negative from traqora.flight_cabins where seats_available < 0')).rows;
    return { byFlight: new Map(rows.map((r) => [Number(r.flight_id), r.n])), bookings, negative };
  });
}

interface Conservation { label: string; answered: number; written: number; seatsLost: number; seatsHeld: number; negative: number }
const conservation: Conservation[] = [];
const cpu: { label: string; requests: number; groups: CpuGroups }[] = [];
const perBooking: { label: string; lines: string[] }[] = [];

async function dbWork(url: string, label: string, send: (i: number) => Promise<unknown>, n: number) {
  const { transactions, functions } = await functionWork(url, send, n, { orderBy: 'self_time', limit: 25 });
  const lines = [`${(transactions / n).toFixed(2)} transactions (round trips) per booking`,
    `${'function'.padEnd(44)}${'calls/booking'.padStart(14)}${'self ms/booking'.padStart(16)}${'total ms/booking'.padStart(17)}`,
    ...functions.map((f) => `${f.name.padEnd(44)}${(f.calls / n).toFixed(2).padStart(14)}${(f.self / n).toFixed(3).padStart(16)}${(f.total / n).toFixed(3).padStart(17)}`)];
  perBooking.push({ label, lines });
}

async function explainOne(url: string, args: unknown[]) {
  await withClient(url, async (c) => {
    const plans: string[] = [];
    c.on('notice', (m) => { if (/duration:/.test(m.message ?? '')) plans.push(m.message!); });
    await c.query("load 'auto_explain'");
    await c.query('set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on; set auto_explain.log_nested_statements = on; set auto_explain.log_level = notice');
    await c.query(CREATE_SQL, args);
    console.log(`\n=== one create_booking, statement by statement (auto_explain; ${plans.length} statements)`);
    for (const p of plans) console.log(p.split('\n').slice(0, 3).join(' | ').slice(0, 400));
  });
}

const CREATE_SQL = `select public.create_booking(p_user_id => $1, p_idempotency_key => $2, p_request_hash => 'bench', p_slices => $3::jsonb,
  p_cabin => 'economy', p_fare_family => 'flex', p_passengers => $4::jsonb, p_contact => $5::jsonb, p_expected_total => $6, p_currency => 'USD')`;

async function measureBuild(label: string, cwd: string, dist: string): Promise<Figures[]> {
  const rows: Figures[] = [];
  const name = `tq_booking_${randomBytes(4).toString('hex')}`;
  const url = new URL(admin!); url.pathname = `/${name}`;
  await withClient(admin!, (c) => c.query(`create database ${name}`));
  await withClient(admin!, (c) => c.query(`alter database ${name} set track_functions = 'all'`));
  try {
    const env = {
      ...serverEnv(), NEXT_DIST_DIR: dist, DATABASE_URL: url.toString(), AUTO_MIGRATE: 'true', SEED_ON_START: 'true',
      SCHEDULE_DAYS: String(DAYS), JOBS_SCHEDULER: 'off',
      ...(CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(CPU_PROF, label.replace(/\W+/g, '-'))}` } : {}),
      ...(PROFILE_ROW ? inspectorEnv(PORT + 1) : {}),
    };
    const server = await startServer(PORT, env, { cwd });
    try {
      const offers = await findOffers(server.url);
      const tokens = Array.from({ length: USERS }, (_, i) => mintClerkToken(`user_bench_${randomBytes(3).toString('hex')}_${i}`));
      const auth = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]}`, 'content-type': 'application/json' });
      for (let i = 0; i < tokens.length; i++) await getFresh(`${server.url}/api/v1/bookings`, auth(i)); // each user's first sight writes them
      const body = (i: number) => JSON.stringify({ offer_id: offers[i % offers.length].id, passengers: [passenger(i)], contact });
      const book = async (i: number) => {
        const res = await fetch(`${server.url}/api/v1/bookings`, { method: 'POST', headers: { ...auth(i), 'idempotency-key': randomUUID() }, body: body(i) });
        if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${await res.text()}`);
      };
      for (let i = 0; i < 20; i++) await book(i); // warm the route

      const flights = [...new Set(offers.flatMap((o) => o.flights))];
      const before = await seats(url.toString(), flights);
      let n = 0;
      const since = cpuShare(server.pid);
      const httpRow = () => load({ label: `${label}: HTTP POST /bookings`, url: server.url, connections: CONNECTIONS, seconds: SECONDS, requests: [{
        method: 'POST', path: '/api/v1/bookings',
        setupRequest: (req: Record<string, unknown>) => {
          const i = n++;
          return { ...req, headers: { ...auth(i), 'idempotency-key': randomUUID() }, body: body(i) };
        },
      }] });
      const row = PROFILE_ROW ? await profileRow(server.pid, PORT + 1, PROFILE_ROW, `${label}-bookings`, httpRow) : await httpRow();
      cpu.push({ label: row.label, requests: row.requests, groups: since() });
      rows.push(row);
      await new Promise((r) => setTimeout(r, 1000)); // requests still in flight when the row stopped
      const after = await seats(url.toString(), flights);
      const held = await withClient(url.toString(), async (c) => Number((await c.query(
        `select coalesce(sum(b.adults + b.children), 0)::int as n from traqora.bookings b join traqora.booking_segments s on s.booking_id = b.id
         where b.created_at >= now() - interval '${SECONDS + 30} seconds' and s.flight_id = any ($1) and b.status = 'held'`, [flights])).rows[0].n));
      let lost = 0;
      for (const [f, was] of before.byFlight) lost += was - (after.byFlight.get(f) ?? was);
      // held counts the warm-up's 20 too: take them out of the seats lost before the row as well
      conservation.push({ label: row.label, answered: row.requests - row.non2xx, written: after.bookings - before.bookings, seatsLost: lost + 20, seatsHeld: held, negative: after.negative });

      await dbWork(url.toString(), label, (i) => book(100_000 + i), 200);
    } finally {
      await server.stop();
    }

    // The floor: the function the route ends in, with no HTTP, auth or JSON work, 50 at once.
    const pool = new pg.Pool({ connectionString: url.toString(), max: CONNECTIONS });
    pool.on('error', (err) => console.error(`floor pool: ${err.message}`)); // an idle client dropped by the server must not end the run
    try {
      const user = (await pool.query<{ id: string }>("select id from traqora.users where clerk_user_id like 'user_bench_%' limit 1")).rows[0].id;
      const its = (await pool.query<{ ids: number[] }>(`select array[f.id] as ids from traqora.flights f join traqora.flight_cabins fc on fc.flight_id = f.id and fc.cabin = 'economy'
        where f.origin = 'LHR' and f.departs_at between now() + interval '4 days' and now() + interval '19 days' and fc.seats_available > 100 order by f.id limit 200`)).rows.map((r) => r.ids.map(Number));
      const price = async (ids: number[]) => (await pool.query("select (public.price_offer($1::jsonb, 'economy', 'flex', 1)->>'total_minor')::bigint as t", [JSON.stringify([ids])])).rows[0].t;
      const totals = await Promise.all(its.map(price));
      const args = (i: number) => [user, randomUUID(), JSON.stringify([its[i % its.length]]), JSON.stringify([passenger(i)]), JSON.stringify(contact), totals[i % its.length]];
      let refused = 0;
      const since = cpuShare();
      const floor = await timeConcurrentFor(`${label}: database create_booking, ${CONNECTIONS} at once`, SECONDS, CONNECTIONS,
        (i) => pool.query(CREATE_SQL, args(i)).catch(() => { refused++; }));
      cpu.push({ label: floor.label, requests: floor.requests, groups: since() });
      rows.push({ ...floor, non2xx: refused });
      if (process.argv.includes('--explain')) await explainOne(url.toString(), args(999_999));
    } finally {
      await pool.end();
    }
  } finally {
    await withClient(admin!, (c) => c.query(`drop database if exists ${name} with (force)`));
  }
  printTable(`${label} (so far)`, rows);
  return rows;
}

const rows: Figures[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  if (BASELINE_DIR) rows.push(...await measureBuild(`r${round} baseline ${path.basename(BASELINE_DIR)}`, BASELINE_DIR, '.next-bench'));
  if (!process.argv.includes('--baseline-only')) rows.push(...await measureBuild(`r${round} ${DIST}`, process.cwd(), DIST));
}
printTable(`Booking — ${CONNECTIONS} connections × ${SECONDS} s, ${USERS} users, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`, rows);
console.log('\nConservation (seats the flights lost = seats the written bookings hold; no cabin below zero):');
for (const c of conservation) {
  console.log(`  ${c.label.padEnd(52)} answered 201: ${c.answered}, written: ${c.written}, seats lost ${c.seatsLost} = held ${c.seatsHeld}: ${c.seatsLost === c.seatsHeld ? 'yes' : 'NO'}, cabins below zero: ${c.negative}`);
}
console.log('\nCPU per request (ms): the app server, PostgreSQL (anyone else\'s queries count too), the bench process, everything else');
for (const { label, requests, groups } of cpu) {
  const per = (g: keyof CpuGroups) => (1000 * groups[g] / Math.max(1, requests)).toFixed(2).padStart(8);
  console.log(`  ${label.padEnd(52)} server ${per('server')}  postgres ${per('postgres')}  bench ${per('bench')}  other ${per('other')}`);
}
for (const { label, lines } of perBooking) {
  console.log(`\nDatabase work per HTTP booking, ${label} (200 bookings one at a time; pg_stat_user_functions):`);
  for (const l of lines) console.log(`  ${l}`);
}
process.exit(0);
