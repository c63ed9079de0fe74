// The newcomer's first minute, measured: a fresh clone, `npm install`, `npm run dev`, then the
// time to a healthy server, to the home page, and to the first search (page and API), and the
// longest any request waited while the schedule filled in the background.
//   npx tsx bench/first-run.mts [--repo <path or url>] [--node-modules <dir>] [--port 3850] [--keep] [--log <file>]
// --repo defaults to this checkout (its committed HEAD). --node-modules reuses an installed tree
// (hard-linked copy) instead of running `npm install`, for measuring the start alone. Prints
// figures; asserts nothing. Runs `npm` from your PATH, as a newcomer would. --log writes the dev
// server's own output (Next's compile times, the database start-up steps) to a file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const repo = arg('repo', process.cwd())!;
const reuse = arg('node-modules');
const port = Number(arg('port', '3850'));
const base = `http://127.0.0.1:${port}`;
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
/** Start-to-start spacing of the probes during the fill: under the anonymous rate limit. */
const PROBE_EVERY_MS = 650;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const dir = mkdtempSync(path.join(tmpdir(), 'traqora-first-run-'));
const figures: [string, string][] = [];
const note = (what: string, value: string) => {
  figures.push([what, value]);
  console.log(`  ${what}: ${value}`);
};

function clean(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // A newcomer has none of this project's variables set.
  const out = { ...env };
  for (const k of Object.keys(out)) if (/^(DATABASE_URL|TEST_DATABASE_URL|PGLITE_DATA_DIR|SUPABASE_|CLERK_|NEXT_PUBLIC_|STELLAR_|TRAQORA_|E2E_|NEXT_DIST_DIR)/.test(k)) delete out[k];
  return out;
}

async function timed(url: string, timeoutMs = 600_000): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  // A connection per request: reusing a kept-alive socket the dev server has just closed fails
  // with ECONNRESET (it ended one run of this bench), which says nothing about the app.
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { connection: 'close' } });
  return { ms: performance.now() - t0, status: res.status, body: await res.text() };
}

async function until(url: string, started: number, timeoutMs = 600_000): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      if (res.ok) return performance.now() - started;
    } catch { /* not listening yet */ }
    if (performance.now() - started > timeoutMs) throw new Error(`${url} not ready after ${secs(timeoutMs)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  console.log(`first run of ${repo} in ${dir} · load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  let t0 = performance.now();
  const clone = spawnSync('git', ['clone', '--quiet', repo, dir], { stdio: 'inherit' });
  if (clone.status !== 0) throw new Error('git clone failed');
  note('git clone', secs(performance.now() - t0));

  if (reuse) {
    t0 = performance.now();
    spawnSync('cp', ['-al', path.resolve(reuse), path.join(dir, 'node_modules')], { stdio: 'inherit' });
    note('node_modules (hard-linked copy, install skipped)', secs(performance.now() - t0));
  } else {
    t0 = performance.now();
    const install = spawnSync('npm', ['install'], { cwd: dir, encoding: 'utf8', env: clean(process.env) });
    const output = `${install.stdout}\n${install.stderr}`;
    note('npm install', `${secs(performance.now() - t0)} (exit ${install.status})`);
    const warnings = output.split('\n').filter((l) => /^npm warn/.test(l));
    const kinds = [...new Set(warnings.map((l) => l.split(/\s+/)[2]))];
    note('npm install warning lines', `${warnings.length}${kinds.length ? ` (${kinds.join(', ')})` : ''}`);
    if (install.status !== 0) throw new Error(output.slice(-2000));
  }

  // `npm run dev`, as the README says; its own log tells when the background fill ends.
  t0 = performance.now();
  // The newcomer's environment as it is: the probes below are paced under the anonymous limit
  // instead of lifting it (the quiet run of caa0673 ended on a 429 when they were not).
  const devEnv = clean(process.env);
  const dev = spawn('npm', ['run', 'dev', '--', '--port', String(port)], { cwd: dir, env: devEnv, detached: true });
  let filled: number | null = null;
  let log = '';
  const watch = (chunk: Buffer) => {
    // Each line stamped with the seconds since `npm run dev`, so the log reads as a timeline.
    const at = `[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] `;
    log += chunk.toString().split(/(?<=\n)/).map((line) => at + line).join('');
    if (filled === null && /schedule extended/.test(log)) filled = performance.now() - t0;
  };
  dev.stdout.on('data', watch);
  dev.stderr.on('data', watch);
  try {
    note('npm run dev → /api/health 200', secs(await until(`${base}/api/health`, t0)));
    const home = await timed(`${base}/`);
    note('→ home page rendered', `${secs(performance.now() - t0)} (the page itself ${secs(home.ms)}, HTTP ${home.status})`);
    const q = `from=JFK&to=LHR&date=${day(14)}&adults=1&cabin=economy`;
    const page = await timed(`${base}/search?${q}`);
    note('→ search page rendered', `${secs(performance.now() - t0)} (${secs(page.ms)}, HTTP ${page.status})`);
    const api = await timed(`${base}/api/v1/flights/search?${q}`);
    const offers = api.status === 200 ? (JSON.parse(api.body) as { data: unknown[] }).data.length : 0;
    note('→ first search answered', `${secs(performance.now() - t0)} (${secs(api.ms)}, HTTP ${api.status}, ${offers} offers)`);

    // While the rest of the schedule fills: one search after another, recording the slowest. Stops
    // when the fill is done, or after two minutes. Each probe is an anonymous request like any
    // other, so they are paced under the anonymous rate limit (RATE_LIMIT_ANONYMOUS, 120 per 60 s
    // by default; the health polls and the first search count too): one start every PROBE_EVERY_MS
    // is 92 a minute. A probe's own time is what is recorded, never the pause before it. The dates
    // run through days 1–21 and the route changes each lap, so the search cache answers none.
    const waits: number[] = [];
    const at: { ms: number; t: number }[] = []; // each probe's time, and when it started (s since npm run dev)
    const routes = [['ATL', 'LAX'], ['ORD', 'SFO'], ['JFK', 'CDG'], ['LHR', 'DXB'], ['SEA', 'DEN'], ['BOS', 'MIA'], ['DFW', 'PHX'], ['FRA', 'JFK'], ['LAX', 'HND']];
    const probeStart = performance.now();
    for (let i = 0; filled === null && performance.now() - probeStart < 120_000; i++) {
      const started = performance.now();
      const [from, to] = routes[Math.floor(i / 21) % routes.length];
      const r = await timed(`${base}/api/v1/flights/search?from=${from}&to=${to}&date=${day(1 + (i % 21))}&adults=1&cabin=economy`);
      if (r.status !== 200) throw new Error(`search during the fill answered ${r.status}: ${r.body.slice(0, 300)}`);
      waits.push(r.ms);
      at.push({ ms: r.ms, t: (started - t0) / 1000 });
      await new Promise((res) => setTimeout(res, Math.max(0, PROBE_EVERY_MS - (performance.now() - started))));
    }
    waits.sort((a, b) => a - b);
    note('searches while the schedule filled', waits.length
      ? `${waits.length}, median ${Math.round(waits[Math.floor(waits.length / 2)])} ms, slowest ${Math.round(waits[waits.length - 1])} ms`
      : 'none (already filled)');
    // When the slow ones came: bunched at one moment (a compile, a GC) or spread through the fill.
    if (at.length) {
      const slow = [...at].sort((a, b) => b.ms - a.ms).slice(0, 5);
      note('slowest five (ms at s after start)', `${slow.map((w) => `${Math.round(w.ms)} at ${w.t.toFixed(1)}`).join(', ')}; p95 ${Math.round(waits[Math.floor(waits.length * 0.95)])} ms`);
    }
    note('120-day schedule complete', filled === null ? 'not within the probe window' : secs(filled));
  } finally {
    try { process.kill(-dev.pid!, 'SIGTERM'); } catch { /* gone */ }
    const logFile = arg('log');
    if (logFile) writeFileSync(logFile, log);
    await new Promise((r) => setTimeout(r, 1000));
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nfirst run (figures, not assertions)');
  for (const [what, value] of figures) console.log(`  ${what.padEnd(48)} ${value}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
