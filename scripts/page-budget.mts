// The page budget: the JavaScript the home and search pages need before they are usable (what
// their HTML loads — the old "First Load JS"), gzipped, must stay within each route's budget.
// `npm test` runs it (scripts/test-all.mjs); alone: `npx tsx scripts/page-budget.mts [--no-build]`.
//
// It builds the app as a newcomer does — Clerk not configured, so Clerk's client must not be
// there at all (components/shell/clerk-boundary.tsx) — into its own folder, serves it, reads
// each page's HTML and adds up the gzip of every script chunk it references. Code a page loads
// later on its own (menus, dialogs, the wallet picker: next/dynamic) is not counted: it does not
// hold up the page.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_PORT } from '@/e2e/support/server-env.mjs';
import { weigh, type RouteWeight } from '@/scripts/page-weight';
import { HINT, MIN_BYTES } from './compile-hints.mjs';

/** The target (#14): 150 KB gzipped for each page, React DOM and Next's router included. */
export const TARGET_KB = 150;
/**
 * What `npm test` enforces until the target is met: a ceiling a few KB above the last measured
 * weight, lowered whenever a change makes a page lighter, so nothing grows back unnoticed.
 * Measured 2026-12-06: home 190.9 KB, search 200.8 KB (from 350.6 and 361.4); of that, 130 KB is
 * the framework every page loads (React DOM 64, Next's router and runtime 66). Then 177.6 and
 * 190.7 KB once the search form dropped react-hook-form (session 11); 151.1 and 178.6 KB once
 * the query cache, tailwind-merge, next-themes, Radix's Slot, cva, next/dynamic and the form's
 * icons left the first load (session 12, docs/performance.md). Search 149.4 KB once its results
 * were rendered on the server and its form's code loaded after hydration (session 13): its ceiling
 * is the target. Home 149.8 KB once the first load's server components drew their icons without
 * lucide-react's client Icon base and the form loaded the API client on first use (session 14):
 * both ceilings are the target.
 */
export const BUDGET_KB: Record<string, number> = { home: TARGET_KB, search: TARGET_KB };

const DIST = process.env.BUDGET_DIST_DIR ?? '.next-budget';
const port = E2E_PORT + 3; // next to the e2e servers (E2E_PORT … +2)
const base = `http://127.0.0.1:${port}`;
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const ROUTES: [string, string][] = [
  ['home', '/'],
  ['search', `/search?from=JFK&to=LHR&date=${day(7)}&adults=1&children=0&infants=0&cabin=economy`],
];
const detail = process.argv.includes('--detail');

/** The default mode: nothing configured but what production requires. */
function defaultModeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1', PGLITE_DATA_DIR: 'memory://', SCHEDULE_DAYS: '14',
    JOBS_SCHEDULER: 'off', LOG_LEVEL: 'warn', SESSION_SECRET: 'page-budget-session-secret-0123456789abcd',
  };
  for (const k of Object.keys(env)) if (/^(NEXT_PUBLIC_CLERK_|CLERK_|DATABASE_URL|SUPABASE_|STELLAR_|TRAQORA_CONTRACT)/.test(k)) delete env[k];
  return env;
}

async function html(url: string, timeoutMs: number): Promise<string> {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
      if (res.ok) return await res.text();
    } catch { /* not yet */ }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const env = defaultModeEnv();
  if (!process.argv.includes('--no-build') || !existsSync(`${DIST}/BUILD_ID`)) {
    console.log(`building the default configuration into ${DIST} …`);
    const r = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) throw new Error('next build failed');
  }
  // Something already answering there would be weighed instead of this build.
  if (await fetch(base, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false)) {
    throw new Error(`port ${port} is already in use (set E2E_PORT to move it)`);
  }
  const server = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], { env, stdio: 'ignore', detached: true });
  try {
    const weights: RouteWeight[] = [];
    for (const [route, url] of ROUTES) weights.push(weigh(route, await html(base + url, 300_000), DIST));
    let over = 0;
    console.log(`page budget: gzipped JavaScript each page loads before it is usable (Clerk not configured; target ${TARGET_KB} KB)`);
    for (const w of weights) {
      const budget = BUDGET_KB[w.route];
      const ok = w.gzipKb <= budget;
      if (!ok) over++;
      const target = w.gzipKb <= TARGET_KB ? 'within the target' : `${(w.gzipKb - TARGET_KB).toFixed(1)} KB over the target`;
      console.log(`  ${ok ? '✓' : '✗'} ${w.route.padEnd(8)} ${w.gzipKb.toFixed(1).padStart(7)} KB of ${budget} KB in ${w.scripts} scripts (${target})`);
      if (!ok || detail) for (const f of w.files.slice(0, detail ? 50 : 6)) console.log(`      ${f.kb.toFixed(1).padStart(7)} KB  ${f.file}`);
    }
    // The build's last step (npm run build: scripts/compile-hints.mjs) marks the big chunks for
    // eager compilation (#15); a build that skipped it weighs the same and is slower on a phone.
    const unhinted = [...new Set(weights.flatMap((w) => w.files.map((f) => f.file)))].filter((file) => {
      const code = readFileSync(path.join(DIST, 'static', 'chunks', file));
      return code.length >= MIN_BYTES && !code.subarray(0, HINT.length).equals(Buffer.from(HINT));
    });
    if (unhinted.length) console.log(`  ✗ not marked for eager compilation (build with npm run build): ${unhinted.join(', ')}`);
    if (over || unhinted.length) process.exitCode = 1;
  } finally {
    try { process.kill(-server.pid!, 'SIGTERM'); } catch { /* already gone */ }
  }
}

await main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
