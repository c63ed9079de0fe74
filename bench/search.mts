// Search and booking speed, end to end and in the database alone, in one run:
//   npm run bench            (add -- --build to rebuild the app first, -- --postgres-only to skip PGlite;
//                            BENCH_CONNECTIONS=50 for the targets, BENCH_DIST_DIR=.next-e2e to reuse the e2e build)
// For each backend — the embedded default (PGlite in-process) and, when BENCH_DATABASE_URL or
// TEST_DATABASE_URL names a PostgreSQL server, that server — it starts the production app,
// loads representative searches with autocannon, times the same searches as raw database
// calls (the baseline: our overhead over the database is the gap), then measures booking
// throughput over HTTP and as raw calls. Prints p50/p95/p99 and req/s. Loopback only.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { openSqlDatabase } from '@/lib/db/open';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import { mintClerkToken } from '@/e2e/support/clerk';
import { serverEnv } from '@/e2e/support/server-env.mjs';
import { BENCH_DIST_DIR, ensureBuild, getFresh, load, printTable, startServer, timeCalls, timeConcurrent, type Figures } from './harness';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DAYS = 21; // the schedule the bench seeds (no background generation while measuring)
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);

const SEARCHES = [
  { label: 'JFK→LHR one-way', q: { from: 'JFK', to: 'LHR', date: day(10), adults: 1, cabin: 'economy' } },
  { label: 'ATL→LAX 2 adults', q: { from: 'ATL', to: 'LAX', date: day(11), adults: 2, cabin: 'economy' } },
  { label: 'BOS→LHR with connections', q: { from: 'BOS', to: 'LHR', date: day(12), adults: 1, cabin: 'economy' } },
  { label: 'SFO→SIN business', q: { from: 'SFO', to: 'SIN', date: day(9), adults: 1, cabin: 'business' } },
  { label: 'JFK⇄LHR round trip', q: { from: 'JFK', to: 'LHR', date: day(10), return_date: day(17), adults: 1, cabin: 'economy' } },
];
const qs = (q: Record<string, unknown>) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();

async function rawSearch(db: SqlDatabase, q: Record<string, unknown>) {
  const args = (from: unknown, to: unknown, date: unknown) => ({ origin: from, destination: to, date_from: date, date_to: date, cabin: q.cabin,
    adults: q.adults, children: 0, infants: 0, max_stops: 1 }) as never;
  await db.call('search_itineraries', args(q.from, q.to, q.date));
  if (q.return_date) await db.call('search_itineraries', args(q.to, q.from, q.return_date));
}

/** The search cache's counters from /api/metrics (lib/flights/search-cache.ts). */
async function cacheCounts(url: string): Promise<{ hit: number; shared: number; shared_hit: number; miss: number }> {
  const text = await (await getFresh(`${url}/api/metrics`)).text();
  const read = (outcome: string) => Number(new RegExp(`^traqora_search_cache_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { hit: read('hit'), shared: read('shared'), shared_hit: read('shared_hit'), miss: read('miss') };
}

const passenger = (i: number) => ({ type: 'adult', given_name: `Bench${'abcdefghijklmnopqrstuvwxyz'[i % 26]}`, family_name: 'Runner', date_of_birth: '1980-01-01',
  document: { type: 'passport', number: `X${100000 + i}`, issuing_country: 'GB', expires_on: '2036-01-01' } });
const contact = { email: 'bench@example.com', phone: '+447700900123' };

/**
 * Seats on the given flights' economy cabins: left, held by live bookings, every booking, and
 * cabins below zero (never, when seats are conserved). Read on the server's own database.
 */
async function seatCount(db: SqlDatabase, flights: number[]) {
  const ids = '(select (jsonb_array_elements_text($1::jsonb))::bigint)';
  const [r] = await db.sql.query<{ available: number; held: number; bookings: number; negative: number }>(`select
    (select coalesce(sum(seats_available), 0)::int from traqora.flight_cabins where cabin = 'economy' and flight_id in ${ids}) as available,
    (select coalesce(sum(b.adults + b.children), 0)::int from traqora.bookings b join traqora.booking_segments s on s.booking_id = b.id
      where s.flight_id in ${ids} and b.cabin = 'economy' and b.status in ('held', 'paid')) as held,
    (select count(*)::int from traqora.bookings) as bookings,
    (select count(*)::int from traqora.flight_cabins where seats_available < 0) as negative`, [JSON.stringify(flights)]);
  return r;
}

const paths = SEARCHES.map((s) => `/api/v1/flights/search?${qs(s.q)}`);

/** The search mix with the answer cache off (SEARCH_CACHE_SECONDS=0): every request asks the database. */
async function uncached(label: string, env: Record<string, string>): Promise<Figures> {
  const server = await startServer(PORT + 1, { ...env, SEARCH_CACHE_SECONDS: '0' });
  try {
    for (const p of paths) await fetch(server.url + p);
    return await load({ label: `${label}: HTTP search, cache off`, url: server.url, connections: CONNECTIONS, seconds: SECONDS,
      requests: paths.map((path) => ({ method: 'GET', path })) });
  } finally {
    await server.stop();
  }
}

async function bench(label: string, env: Record<string, string>, raw: SqlDatabase): Promise<Figures[]> {
  const rows: Figures[] = [];
  // Before the main server, so no booking has changed seats yet; PGlite servers own their data.
  if (env.DATABASE_URL) rows.push(await uncached(label, env));
  const server = await startServer(PORT, env);
  try {
    for (const p of paths) await fetch(server.url + p); // warm up every route
    // The ceiling: a trivial route of the same server under the same load (what the framework,
    // the client sharing the cores, and loopback cost before any work of ours).
    await fetch(`${server.url}/api/ping`);
    rows.push(await load({ label: `${label}: HTTP /api/ping (ceiling)`, url: server.url, connections: CONNECTIONS, seconds: SECONDS,
      requests: [{ method: 'GET', path: '/api/ping' }] }));
    const before = await cacheCounts(server.url);
    rows.push(await load({ label: `${label}: HTTP search (mix of ${SEARCHES.length})`, url: server.url, connections: CONNECTIONS, seconds: SECONDS,
      requests: paths.map((path) => ({ method: 'GET', path })) }));
    const after = await cacheCounts(server.url);
    const looked = (k: keyof typeof after) => after[k] - before[k];
    const answered = looked('hit') + looked('shared') + looked('shared_hit');
    const total = answered + looked('miss');
    console.log(`${label}: search answer cache during the HTTP search row: ${total ? ((answered / total) * 100).toFixed(1) : '—'} % answered without a database search`
      + ` (hit ${looked('hit')}, shared ${looked('shared')}, shared_hit ${looked('shared_hit')}, miss ${looked('miss')}; SEARCH_CACHE_SECONDS=${process.env.SEARCH_CACHE_SECONDS ?? '5'})`);
    rows.push(await timeCalls(`${label}: database search_itineraries (same mix)`, 100, (i) => rawSearch(raw, SEARCHES[i % SEARCHES.length].q)));
    // The floor at the HTTP rows' concurrency (the raw pool is as large as the app's).
    rows.push(await timeConcurrent(`${label}: database search, ${CONNECTIONS} at once`, 500, CONNECTIONS, (i) => rawSearch(raw, SEARCHES[i % SEARCHES.length].q)));


    // Booking throughput: offers from several days and routes, so no fare bucket fills during
    // the run (an offer priced before would answer 409), booked by 50 users in turn (one user
    // would make the per-user rate-limit counter a single hot row that no real traffic has).
    const tokens = Array.from({ length: 50 }, (_, i) => mintClerkToken(`user_bench_${randomBytes(3).toString('hex')}_${i}`));
    const auth = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]}`, 'content-type': 'application/json' });
    for (let i = 0; i < tokens.length; i++) await getFresh(`${server.url}/api/v1/bookings`, auth(i)); // first sight writes each user
    const offers: string[] = [];
    const flights = new Set<number>();
    for (let d = 5; d < 19; d++) {
      for (const [from, to] of [['JFK', 'LHR'], ['LHR', 'JFK'], ['ATL', 'LAX'], ['LAX', 'ATL']]) {
        const res = await (await getFresh(`${server.url}/api/v1/flights/search?${qs({ from, to, date: day(d), adults: 1, max_stops: 0, limit: 10 })}`)).json();
        for (const o of res.data ?? []) {
          offers.push(o.fare_options.find((f: { fare_family: string }) => f.fare_family === 'flex')?.id ?? o.id);
          for (const sl of o.slices) for (const g of sl.segments) flights.add(g.flight_id);
        }
      }
    }
    // On PGlite the server owns its database (the raw one here is a copy): counted on a server only.
    const counted = Boolean(env.DATABASE_URL);
    const seatsBefore = counted ? await seatCount(raw, [...flights]) : null;
    let n = 0;
    const booking = await load({ label: `${label}: HTTP POST /bookings`, url: server.url, connections: CONNECTIONS, seconds: SECONDS, requests: [{
      method: 'POST', path: '/api/v1/bookings',
      setupRequest: (req: Record<string, unknown>) => {
        const i = n++;
        return { ...req, headers: { ...auth(i), 'idempotency-key': randomUUID() }, body: JSON.stringify({ offer_id: offers[i % offers.length], passengers: [passenger(i)], contact }) };
      },
    }] });
    rows.push(booking);
    if (counted) await new Promise((r) => setTimeout(r, 1000)); // requests the server was still finishing when the row stopped
    const seatsAfter = seatsBefore && await seatCount(raw, [...flights]);
    if (seatsBefore && seatsAfter) console.log(`${label}: seats during the booking row: ${booking.requests - booking.non2xx} bookings answered 201, ${seatsAfter.bookings - seatsBefore.bookings} written; `
      + `seats the flights lost ${seatsBefore.available - seatsAfter.available}, seats those bookings hold ${seatsAfter.held - seatsBefore.held}`
      + ` (${seatsBefore.available - seatsAfter.available === seatsAfter.held - seatsBefore.held ? 'equal: no oversell' : 'NOT EQUAL'}); cabins below zero: ${seatsAfter.negative}`);
  } finally {
    await server.stop();
  }
  // Booking as a raw call on the baseline database: same function the route ends in, one at a
  // time and 50 at once (the floor at the HTTP row's concurrency).
  const user = (await raw.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name: 'Bench Raw' })).id;
  const its = (await raw.call<{ flight_ids: number[] }[]>('search_itineraries', { origin: 'LHR', destination: 'JFK', date_from: day(6), date_to: day(18),
    cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 0 })).map((x) => x.flight_ids);
  const totals = await Promise.all(its.map(async (ids) => (await raw.call<{ total_minor: number }>('price_offer', { slices: [ids], cabin: 'economy', family: 'flex', adults: 1 })).total_minor));
  const rawBooking = (i: number) => raw.call('create_booking', {
    user_id: user, idempotency_key: randomUUID(), request_hash: 'bench', slices: [its[i % its.length]], cabin: 'economy', fare_family: 'flex',
    passengers: [passenger(i)], contact, expected_total: totals[i % its.length], currency: 'USD' }).catch(() => undefined);
  rows.push(await timeCalls(`${label}: database create_booking`, 200, rawBooking));
  rows.push(await timeConcurrent(`${label}: database create_booking, ${CONNECTIONS} at once`, 500, CONNECTIONS, rawBooking));
  return rows;
}

async function main() {
  const base = { ...serverEnv(), NEXT_DIST_DIR: BENCH_DIST_DIR, SCHEDULE_DAYS: String(DAYS), JOBS_SCHEDULER: 'off' };
  ensureBuild(base);
  const rows: Figures[] = [];

  // Embedded default: the server owns its PGlite; the baseline is a second, identical one in
  // this process (same migrations, same deterministic schedule). --postgres-only skips it.
  if (!process.argv.includes('--postgres-only')) {
    const lite = await openSqlDatabase({ driver: 'pglite', dataDir: 'memory://', migrate: true, seedDays: DAYS });
    try {
      rows.push(...await bench('PGlite', { ...base, PGLITE_DATA_DIR: 'memory://' }, lite));
    } finally {
      await lite.close();
    }
    printTable('Embedded default (PGlite)', rows);
  }

  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (admin) {
    const name = `tq_bench_${randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: admin }); await c.connect(); await c.query(`create database ${name}`); await c.end();
    const url = new URL(admin); url.pathname = `/${name}`;
    try {
      const db = await openSqlDatabase({ driver: 'postgres', connectionString: url.toString(), migrate: true, seedDays: DAYS });
      try {
        rows.push(...await bench('PostgreSQL', { ...base, DATABASE_URL: url.toString() }, db));
      } finally {
        await db.close();
      }
    } finally {
      const d = new pg.Client({ connectionString: admin }); await d.connect(); await d.query(`drop database if exists ${name} with (force)`); await d.end();
    }
  } else {
    console.log('\n(no BENCH_DATABASE_URL or TEST_DATABASE_URL: PostgreSQL server figures skipped)');
  }
  printTable(`Traqora search and booking — ${CONNECTIONS} connections × ${SECONDS} s per HTTP row, ${new Date().toISOString()}`, rows);
  console.log('\nBaseline: the "database" rows call the same function the route ends in, with no HTTP, auth or JSON work;\n'
    + 'HTTP booking rows include offer verification, repricing, validation, the Clerk token check and the rate limit (50 users in turn).');
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
