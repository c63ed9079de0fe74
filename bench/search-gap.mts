// The uncached search gap: what the HTTP path adds to the database's own search time, on a
// PostgreSQL server, with the answer cache off (SEARCH_CACHE_SECONDS=0) so every request asks
// the database. One run measures, at the same concurrency and in turn:
//   - a trivial route of the same server (/api/ping: the framework's ceiling),
//   - the bench's five searches over HTTP, for each build given,
//   - the same searches as raw database calls (the floor; a pool as large as the app's),
//   - the rate limiter's own database call for one caller (every API request makes it first).
//   - with --cached, the same searches with the answer cache on (SEARCH_CACHE_SECONDS=5, a fresh
//     server) beside /api/ping again: the cached row's target is ≥ 80 % of ping's req/s (#14);
//     and the database's time for a shared hit (search_itineraries_cached answering a stored
//     answer: what a miss in one instance costs when another instance asked first).
//   TEST_DATABASE_URL=postgresql://… npx tsx bench/search-gap.mts [--dist .next-budget] [--baseline <dist> [--baseline-dir <checkout>]] [--rounds 2] [--cached] [--cpu-prof <dir>] [--profile-row <dir>]
// --baseline names a second production build (e.g. main's) measured in the same run, rounds
// alternating, so a shared machine's load falls on both alike. Builds are the default
// configuration (scripts/page-budget.mts makes one in .next-budget). Prints figures with the
// load average; asserts nothing.
// --profile-row <dir> writes V8 CPU profiles of the app server over the uncached /api/ping and
// search rows alone (bench/row-profile.ts; the inspector on BENCH_PORT + 1), and prints the
// commands that summarise them; --explain prints EXPLAIN (ANALYZE, BUFFERS) of each search's
// statement inside search_itineraries (auto_explain), once, on the warm database; --db-work
// prints what PostgreSQL did per search, through HTTP (uncached) and as the raw call, from 100
// searches sent one at a time: transactions (round trips) and each function's calls and time
// (pg_stat_user_functions; the database is made with track_functions = all).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { openSqlDatabase } from '@/lib/db/open';
import { cpuShare, type CpuGroups } from './cpu-share';
import { functionWork } from './db-work';
import { inspectorEnv, profileRow } from './row-profile';
import { load, printTable, startServer, timeConcurrent, timeConcurrentFor, type Figures } from './harness';

const option = (name: string, fallback?: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const DIST = option('--dist', '.next-budget')!;
const BASELINE = option('--baseline');
// The baseline's checkout (e.g. a worktree of main) when its build is not in this one: its server
// runs there, on its own code and build (BASELINE then names the build's folder in it).
const BASELINE_DIR = option('--baseline-dir');
const BASELINE_LABEL = `baseline ${BASELINE_DIR ? `${BASELINE_DIR.split('/').filter(Boolean).pop()}/` : ''}${BASELINE}`;
const ROUNDS = Number(option('--rounds', '2'));
const CPU_PROF = option('--cpu-prof');
const PROFILE_ROW = option('--profile-row');
const CACHED = process.argv.includes('--cached');
const DB_WORK = process.argv.includes('--db-work');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3806);
const DAYS = 21;
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);

// The same five searches as bench/search.mts.
const SEARCHES = [
  { from: 'JFK', to: 'LHR', date: day(10), adults: 1, cabin: 'economy' },
  { from: 'ATL', to: 'LAX', date: day(11), adults: 2, cabin: 'economy' },
  { from: 'BOS', to: 'LHR', date: day(12), adults: 1, cabin: 'economy' },
  { from: 'SFO', to: 'SIN', date: day(9), adults: 1, cabin: 'business' },
  { from: 'JFK', to: 'LHR', date: day(10), return_date: day(17), adults: 1, cabin: 'economy' },
];
const paths = SEARCHES.map((q) => `/api/v1/flights/search?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`);

const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!admin) {
  console.error('search-gap needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server).');
  process.exit(2);
}

/** The default configuration on this database: no Clerk, limits out of reach (the limiter still counts). */
function appEnv(dist: string, url: string, cacheSeconds = 0): Record<string, string> {
  for (const k of Object.keys(process.env)) if (/^(NEXT_PUBLIC_CLERK_|CLERK_|SUPABASE_|STELLAR_|TRAQORA_CONTRACT)/.test(k)) delete process.env[k];
  return {
    NODE_ENV: 'production', NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: url, SCHEDULE_DAYS: String(DAYS),
    JOBS_SCHEDULER: 'off', SEARCH_CACHE_SECONDS: String(cacheSeconds), SESSION_SECRET: 'search-gap-session-secret-0123456789abcd',
    // --cpu-prof <dir>: V8 CPU profiles of the server processes, written when they stop.
    ...(CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${CPU_PROF}` } : {}),
    ...(PROFILE_ROW ? inspectorEnv(PORT + 1) : {}),
  };
}

// Where each row's CPU went, per request: the app server's process tree, PostgreSQL's
// processes (anyone else's queries on the same server count too: read it on a quiet machine),
// the bench's own process (autocannon's client, or the raw database calls' pg client).
const cpu: { label: string; requests: number; groups: CpuGroups }[] = [];
async function measured(serverPid: number | undefined, row: () => Promise<Figures>): Promise<Figures> {
  const since = cpuShare(serverPid);
  const figures = await row();
  cpu.push({ label: figures.label, requests: figures.requests, groups: since() });
  return figures;
}

async function httpRows(dist: string, url: string, label: string, cacheSeconds = 0, cwd?: string): Promise<Figures[]> {
  const server = await startServer(PORT, appEnv(dist, url, cacheSeconds), { cwd });
  const cache = cacheSeconds ? `cached (${cacheSeconds} s)` : 'cache off';
  try {
    for (const p of paths) for (let i = 0; i < 3; i++) await fetch(server.url + p);
    await fetch(`${server.url}/api/ping`);
    // With --profile-row, the uncached server's two rows are profiled, each alone.
    const profiled = (name: string, row: () => Promise<Figures>) => async () => {
      if (!PROFILE_ROW || cacheSeconds) return row();
      return profileRow(server.pid, PORT + 1, PROFILE_ROW, `${label}-${name}`, row);
    };
    const ping = await measured(server.pid, profiled('ping', () => load({ label: `${label}: HTTP /api/ping${cacheSeconds ? ' (beside cached)' : ''}`, url: server.url, connections: CONNECTIONS, seconds: SECONDS,
      requests: [{ method: 'GET', path: '/api/ping' }] })));
    const search = await measured(server.pid, profiled('search', () => load({ label: `${label}: HTTP search, ${cache}`, url: server.url, connections: CONNECTIONS, seconds: SECONDS,
      requests: paths.map((path) => ({ method: 'GET', path })) })));
    if (DB_WORK && !cacheSeconds) await dbWork(url, `${label}: HTTP search`, (i) => fetch(server.url + paths[i % paths.length]).then((r) => r.arrayBuffer()));
    if (cacheSeconds) console.log(`${label}: cached mix at ${(100 * search.rps / Math.max(1, ping.rps)).toFixed(0)} % of ping's req/s; ${await cacheCounts(server.url)}`);
    return [ping, search];
  } finally {
    await server.stop();
  }
}

/** Transactions and function times per search, over `n` searches sent one at a time. */
async function dbWork(db: string, label: string, send: (i: number) => Promise<unknown>, n = 100) {
  const { transactions, functions } = await functionWork(db, send, n, { orderBy: 'total_time', limit: 8 });
  console.log(`\nDatabase work per search, ${label} (${n} one at a time): ${(transactions / n).toFixed(2)} transactions`);
  for (const f of functions) console.log(`  ${f.name.padEnd(40)} calls ${(f.calls / n).toFixed(2).padStart(6)}  self ${(f.self / n).toFixed(3).padStart(7)} ms  total ${(f.total / n).toFixed(3).padStart(7)} ms`);
}

/** The search cache's look-ups from /api/metrics (traqora_search_cache_total). */
async function cacheCounts(base: string): Promise<string> {
  const text = await (await fetch(`${base}/api/metrics`)).text();
  const read = (outcome: string) => Number(new RegExp(`^traqora_search_cache_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  const [hit, shared, sharedHit, miss] = ['hit', 'shared', 'shared_hit', 'miss'].map(read);
  return `cache hit ratio ${((hit + shared + sharedHit) / Math.max(1, hit + shared + sharedHit + miss)).toFixed(3)} (hit ${hit}, shared ${shared}, shared_hit ${sharedHit}, miss ${miss})`;
}

/** Each search's statements inside search_itineraries, with EXPLAIN (ANALYZE, BUFFERS) plans (auto_explain). */
async function explainSearches(db: string) {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    let plans: string[] = [];
    client.on('notice', (m) => { if (/duration:/.test(m.message ?? '')) plans.push(m.message!); });
    await client.query("load 'auto_explain'");
    await client.query('set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on; set auto_explain.log_nested_statements = on; set auto_explain.log_level = notice');
    for (const q of SEARCHES) {
      for (const [from, to, date] of [[q.from, q.to, q.date], ...(q.return_date ? [[q.to, q.from, q.return_date]] : [])]) {
        plans = [];
        const t = performance.now();
        await client.query('select public.search_itineraries($1, $2, $3::date, $3::date, $4, $5, 0, 0, 1)', [from, to, date, q.cabin, q.adults]);
        console.log(`\n=== search_itineraries ${from}-${to} ${date} ${q.cabin} ×${q.adults}: ${(performance.now() - t).toFixed(2)} ms from the client, ${plans.length} statements`);
        for (const p of plans) console.log(p);
      }
    }
  } finally {
    await client.end();
  }
}

const name = `tq_gap_${randomBytes(4).toString('hex')}`;
const url = new URL(admin); url.pathname = `/${name}`;
const c = new pg.Client({ connectionString: admin }); await c.connect(); await c.query(`create database ${name}`);
if (DB_WORK) await c.query(`alter database ${name} set track_functions = 'all'`);
await c.end();
const rows: Figures[] = [];
try {
  const raw = await openSqlDatabase({ driver: 'postgres', connectionString: url.toString(), migrate: true, seedDays: DAYS });
  const rawSearch = async (i: number) => {
    const q = SEARCHES[i % SEARCHES.length];
    const args = (from: string, to: string, date: string) => ({ origin: from, destination: to, date_from: date, date_to: date, cabin: q.cabin,
      adults: q.adults, children: 0, infants: 0, max_stops: 1 }) as never;
    await raw.call('search_itineraries', args(q.from, q.to, q.date));
    if (q.return_date) await raw.call('search_itineraries', args(q.to, q.from, q.return_date));
  };
  const rawShared = async (i: number) => {
    const q = SEARCHES[i % SEARCHES.length];
    const args = (from: string, to: string, date: string) => ({ origin: from, destination: to, date_from: date, date_to: date, cabin: q.cabin,
      adults: q.adults, children: 0, infants: 0, max_stops: 1, ttl_ms: 60_000 }) as never;
    await raw.call('search_itineraries_cached', args(q.from, q.to, q.date));
    if (q.return_date) await raw.call('search_itineraries_cached', args(q.to, q.from, q.return_date));
  };
  try {
    for (let i = 0; i < 20; i++) await rawSearch(i);
    if (process.argv.includes('--explain')) await explainSearches(url.toString());
    if (DB_WORK) await dbWork(url.toString(), 'raw search_itineraries', rawSearch);
    for (let round = 1; round <= ROUNDS; round++) {
      if (BASELINE) rows.push(...await httpRows(BASELINE, url.toString(), `r${round} ${BASELINE_LABEL}`, 0, BASELINE_DIR));
      rows.push(...await httpRows(DIST, url.toString(), `r${round} ${DIST}`));
      if (CACHED && BASELINE) rows.push(...await httpRows(BASELINE, url.toString(), `r${round} ${BASELINE_LABEL}`, 5, BASELINE_DIR));
      if (CACHED) rows.push(...await httpRows(DIST, url.toString(), `r${round} ${DIST}`, 5));
      rows.push(await measured(undefined, () => timeConcurrent(`r${round} database search, ${CONNECTIONS} at once`, 400, CONNECTIONS, rawSearch)));
      // What a shared hit costs the database (another instance's stored answer, no search):
      // search_itineraries_cached for the same mix, its answers stored first. They are removed
      // after, so no later server's miss finds them.
      if (CACHED) {
        for (let i = 0; i < SEARCHES.length; i++) await rawShared(i);
        rows.push(await measured(undefined, () => timeConcurrent(`r${round} database shared hits, ${CONNECTIONS} at once`, 400, CONNECTIONS, rawShared)));
        await raw.sql.query('delete from traqora.search_answers');
      }
      // The same for as long as an HTTP row, so the callers stay fifty strong to the end.
      rows.push(await measured(undefined, () => timeConcurrentFor(`r${round} database search, ${CONNECTIONS} at once, ${SECONDS} s`, SECONDS, CONNECTIONS, rawSearch)));
      // What the rate limiter adds to every API request: one counter row per caller; the bench is one caller.
      rows.push(await measured(undefined, () => timeConcurrent(`r${round} database rate_limit_consume, one key`, 400, CONNECTIONS,
        () => raw.call('rate_limit_consume', { key: 'rl:search-gap', points: 1, duration_ms: 60_000 }))));
    }
  } finally {
    await raw.close();
  }
} finally {
  const d = new pg.Client({ connectionString: admin }); await d.connect(); await d.query(`drop database if exists ${name} with (force)`); await d.end();
}
printTable(`Uncached search gap — ${CONNECTIONS} connections × ${SECONDS} s per HTTP row, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`, rows);
console.log('\nThe gap is the HTTP search row over the database row (p50 and p95); the ping row is what the framework alone costs at this load.');
console.log('\nCPU per request (ms): the app server, PostgreSQL, the bench process itself, everything else on the machine');
for (const { label, requests, groups } of cpu) {
  const per = (g: keyof CpuGroups) => (1000 * groups[g] / Math.max(1, requests)).toFixed(2).padStart(8);
  console.log(`  ${label.padEnd(52)} server ${per('server')}  postgres ${per('postgres')}  bench ${per('bench')}  other ${per('other')}`);
}
process.exit(0);
