// What the background schedule fill costs requests that run no statement, on a production
// server (`next start`) over the embedded PGlite: the page's script chunks, asked for while the
// fill extends the schedule from three weeks to 120 days. On PGlite each fill step holds the
// server's one thread for a few tenths of a second (lib/db/schedule-fill.ts); a chunk must wait
// out at most the step under way (lib/db/activity.ts, inFlightAlso).
//   npx tsx bench/fill-static.mts [--seconds 30] [--port 3870] [--before <dist dir>] [--build]
// Rows: the same server with no fill (SCHEDULE_DAYS=21, the baseline), the server during its fill,
// and with --before the fill on another build of the app (e.g. one made before a change). Each
// probe fetches one of the home page's chunks every 250–500 ms, one at a time, as a browser does
// when a button first asks for its code. Prints figures; asserts nothing.
import { BENCH_DIST_DIR, ensureBuild, printTable, startServer, summarise, type Figures } from './harness';

const option = (name: string, fallback?: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const seconds = Number(option('--seconds', '30'));
const port = Number(option('--port', '3870'));
const before = option('--before');

async function probe(url: string, label: string): Promise<Figures> {
  const html = await (await fetch(`${url}/`)).text();
  const chunks = [...new Set([...html.matchAll(/\/_next\/static\/chunks\/[\w.-]+\.js/g)].map((m) => m[0]))];
  if (!chunks.length) throw new Error(`no script chunks in ${url}/`);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; performance.now() - started < seconds * 1000; i++) {
    const t0 = performance.now();
    // a query string so no cache between here and the server answers for it
    const res = await fetch(`${url}${chunks[i % chunks.length]}?probe=${i}`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${chunks[i % chunks.length]} answered ${res.status}`);
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
  }
  return summarise(label, latencies, (performance.now() - started) / 1000);
}

async function measure(label: string, env: Record<string, string>): Promise<Figures> {
  const server = await startServer(port, env);
  try {
    return await probe(server.url, label);
  } finally {
    await server.stop();
  }
}

// The embedded default a newcomer runs (no Clerk, no chain), as a production server.
for (const k of Object.keys(process.env)) if (/^(NEXT_PUBLIC_CLERK_|CLERK_|DATABASE_URL|SUPABASE_|STELLAR_|TRAQORA_CONTRACT)/.test(k)) delete process.env[k];
const base = {
  NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: BENCH_DIST_DIR, PGLITE_DATA_DIR: 'memory://', JOBS_SCHEDULER: 'off',
  SESSION_SECRET: 'fill-static-bench-session-secret-0123456789', APP_URL: `http://localhost:${port}`,
};
ensureBuild(base);
const rows: Figures[] = [];
rows.push(await measure('no fill (SCHEDULE_DAYS=21): baseline', { ...base, SCHEDULE_DAYS: '21' }));
rows.push(await measure(`during the fill to 120 days (${BENCH_DIST_DIR})`, { ...base, SCHEDULE_DAYS: '120' }));
if (before) rows.push(await measure(`during the fill to 120 days (${before})`, { ...base, NEXT_DIST_DIR: before, SCHEDULE_DAYS: '120' }));
printTable(`A script chunk while the schedule fills (${seconds} s of probes a row)`, rows);
