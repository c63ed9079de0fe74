// What the shared search answer level costs the database (search_itineraries_cached,
// docs/architecture.md "Search answer cache"), beside the plain search, on a PostgreSQL server:
//   - search_itineraries: the search an instance's memory miss made before;
//   - a shared miss: search_itineraries_cached with nothing stored (search, store, sweep);
//   - a shared hit: search_itineraries_cached answering the answer stored by the call before.
// The bench's five searches, one call at a time, the three kinds alternating call by call so a
// busy machine's load falls on all alike; then shared hits and plain searches 50 at once.
//   TEST_DATABASE_URL=postgresql://… npx tsx bench/search-shared.mts [--calls 60]
// Prints figures with the load average; asserts nothing.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { openSqlDatabase } from '@/lib/db/open';
import { percentile, printTable, timeConcurrent, type Figures } from './harness';

const option = (name: string, fallback: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const CALLS = Number(option('--calls', '60'));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const SEARCHES = [
  { origin: 'JFK', destination: 'LHR', date: day(10), adults: 1, cabin: 'economy' },
  { origin: 'ATL', destination: 'LAX', date: day(11), adults: 2, cabin: 'economy' },
  { origin: 'BOS', destination: 'LHR', date: day(12), adults: 1, cabin: 'economy' },
  { origin: 'SFO', destination: 'SIN', date: day(9), adults: 1, cabin: 'business' },
  { origin: 'LHR', destination: 'JFK', date: day(17), adults: 1, cabin: 'economy' },
];
const args = (i: number) => {
  const q = SEARCHES[i % SEARCHES.length];
  return { origin: q.origin, destination: q.destination, date_from: q.date, date_to: q.date, cabin: q.cabin, adults: q.adults, children: 0, infants: 0, max_stops: 1 } as never;
};

const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!admin) {
  console.error('search-shared needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server).');
  process.exit(2);
}
const name = `tq_shared_${randomBytes(4).toString('hex')}`;
const url = new URL(admin); url.pathname = `/${name}`;
const c = new pg.Client({ connectionString: admin }); await c.connect(); await c.query(`create database ${name}`); await c.end();
const rows: Figures[] = [];
try {
  const db = await openSqlDatabase({ driver: 'postgres', connectionString: url.toString(), migrate: true, seedDays: 21, poolSize: CONNECTIONS });
  try {
    const shared = (i: number) => db.call('search_itineraries_cached', { ...(args(i) as object), ttl_ms: 60_000 } as never);
    const times: Record<'search' | 'miss' | 'hit', number[]> = { search: [], miss: [], hit: [] };
    const timed = async (into: number[], call: () => Promise<unknown>) => { const t0 = performance.now(); await call(); into.push(performance.now() - t0); };
    for (let i = 0; i < 10; i++) { await db.call('search_itineraries', args(i)); await shared(i); } // warm plans and caches
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) {
      await db.sql.query('delete from traqora.search_answers');
      await timed(times.search, () => db.call('search_itineraries', args(i)));
      await timed(times.miss, () => shared(i));
      await timed(times.hit, () => shared(i));
    }
    const seconds = (performance.now() - started) / 1000;
    const row = (label: string, ms: number[]): Figures => {
      const sorted = [...ms].sort((a, b) => a - b);
      return { label, requests: ms.length, seconds, rps: ms.length / (ms.reduce((a, b) => a + b, 0) / 1000),
        p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), errors: 0, non2xx: 0 };
    };
    rows.push(row('search_itineraries, one at a time', times.search), row('shared miss (search + store), one at a time', times.miss), row('shared hit, one at a time', times.hit));
    for (let i = 0; i < SEARCHES.length; i++) await shared(i);
    rows.push(await timeConcurrent(`search_itineraries, ${CONNECTIONS} at once`, 400, CONNECTIONS, (i) => db.call('search_itineraries', args(i))));
    rows.push(await timeConcurrent(`shared hits, ${CONNECTIONS} at once`, 400, CONNECTIONS, (i) => shared(i)));
    const [{ kb }] = await db.sql.query<{ kb: number }>('select round(avg(octet_length(answer::text)) / 1024.0, 1)::float as kb from traqora.search_answers');
    console.log(`stored answers: ${kb} KB each on average`);
  } finally {
    await db.close();
  }
} finally {
  const d = new pg.Client({ connectionString: admin }); await d.connect(); await d.query(`drop database if exists ${name} with (force)`); await d.end();
}
printTable(`Shared search answers in the database — load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`, rows);
process.exit(0);
