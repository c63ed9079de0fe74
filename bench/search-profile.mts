// The search's database work, statement by statement: EXPLAIN ANALYZE of what search_itineraries
// runs (auto_explain of its nested statements, sent to this client as notices), for the bench's
// five searches on a freshly seeded PostgreSQL database. Run:
//   TEST_DATABASE_URL=postgresql://… npx tsx bench/search-profile.mts [--all-plans | --times-only]
// Prints plain timings of each search, then each search's slowest statement's plan (every
// statement's with --all-plans).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openSqlDatabase } from '@/lib/db/open';

const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!admin) {
  console.error('search-profile needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server).');
  process.exit(2);
}
const DAYS = 21;
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const SEARCHES = [
  ['JFK→LHR one-way', 'JFK', 'LHR', day(10), 1, 'economy'],
  ['ATL→LAX 2 adults', 'ATL', 'LAX', day(11), 2, 'economy'],
  ['BOS→LHR with connections', 'BOS', 'LHR', day(12), 1, 'economy'],
  ['SFO→SIN business', 'SFO', 'SIN', day(9), 1, 'business'],
  ['LHR→JFK (return slice)', 'LHR', 'JFK', day(17), 1, 'economy'],
] as const;

const name = `tq_profile_${randomBytes(4).toString('hex')}`;
const url = (() => { const u = new URL(admin); u.pathname = `/${name}`; return u.toString(); })();
const adminClient = new pg.Client({ connectionString: admin });
await adminClient.connect();
await adminClient.query(`create database ${name}`);
try {
  const seeded = await openSqlDatabase({ driver: 'postgres', connectionString: url, migrate: true, seedDays: DAYS });
  await seeded.close();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('analyze');
  const call = 'select public.search_itineraries($1, $2, $3::date, $3::date, $5, $4, 0, 0, 1) as r';
  // Plain timings first (auto_explain's own cost would swamp them): 30 calls each, one at a time.
  console.log('search_itineraries alone, 30 calls each after 3 warm-ups (ms): p50 / p95');
  for (const [label, from, to, date, adults, cabin] of SEARCHES) {
    const times: number[] = [];
    for (let i = 0; i < 33; i++) {
      const t0 = performance.now();
      await c.query(call, [from, to, date, adults, cabin]);
      if (i >= 3) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${label.padEnd(28)} ${times[14].toFixed(1).padStart(7)} ${times[28].toFixed(1).padStart(7)}`);
  }
  const explain = !process.argv.includes('--times-only');
  const plans: string[] = [];
  c.on('notice', (n) => { if (/duration:/.test(n.message ?? '')) plans.push(n.message!); });
  if (explain) await c.query("load 'auto_explain'");
  if (explain) await c.query("set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on; set auto_explain.log_nested_statements = on; set auto_explain.log_level = notice; set auto_explain.log_timing = on");
  for (const [label, from, to, date, adults, cabin] of explain ? SEARCHES : []) {
    for (let warm = 0; warm < 3; warm++) await c.query(call, [from, to, date, adults, cabin]);   // plan cache, buffers
    plans.length = 0;
    const t0 = performance.now();
    const r = await c.query(call, [from, to, date, adults, cabin]);
    const ms = performance.now() - t0;
    const found = (r.rows[0].r as unknown[]).length;
    const timed = plans.map((p) => ({ p, ms: Number(/duration: ([\d.]+) ms/.exec(p)?.[1] ?? 0) }));
    // The outermost statement (the call itself) is the longest; the body's statements are nested in it.
    const body = timed.filter((x) => !/search_itineraries\(\$1/.test(x.p)).sort((a, b) => b.ms - a.ms);
    console.log(`\n=== ${label}: ${found} itineraries, ${ms.toFixed(1)} ms round trip; ${timed.length} statements explained`);
    for (const x of process.argv.includes('--all-plans') ? body : body.slice(0, 1)) console.log(x.p);
  }
  await c.end();
} finally {
  await adminClient.query(`drop database if exists ${name} with (force)`);
  await adminClient.end();
}
