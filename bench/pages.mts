// Page speed as Lighthouse sees it, on a phone (Lighthouse's default mobile preset: slow 4G,
// 4× CPU slowdown) and on a desktop, for the home page, a search (JFK→LHR) and a trip page:
//   npx tsx bench/pages.mts [--build] [--runs 3] [--dist <dir>] [--baseline <dir>] [--preset mobile|desktop] [--page /search] [--why]
// (--baseline serves a second build, e.g. main's, beside the first and alternates their runs, so
// a shared machine's load falls on both alike: before and after from one command)
// (--preset and --page measure one preset or the pages whose label starts with that text; --why
// prints, for each page's last run, where the main thread went: Lighthouse's breakdown by kind of
// work, the scripts that cost the most CPU, the long tasks, and the nodes that shifted)
// (--dist measures another build of the default configuration, e.g. main's, as the baseline;
// ports follow E2E_PORT, so it can run beside a helper's e2e servers)
// It serves the default configuration's production build (the one scripts/page-budget.mts makes
// in .next-budget; --build makes it first), signs a wallet in over SEP-10 and books a flight for
// the trip page, then runs Lighthouse with Debian's Chromium. Prints the median of the runs per
// page and preset, with the load average: on a shared machine the figures move with it. Asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Keypair, Networks, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { E2E_PORT } from '@/e2e/support/server-env.mjs';

const distArg = process.argv.indexOf('--dist');
const DIST = distArg > 0 ? process.argv[distArg + 1] : '.next-budget';
const PORT = E2E_PORT + 4; // beside the e2e servers (+0 … +2) and the page budget's (+3)
const CHROME_PORT = E2E_PORT + 5;
const base = `http://localhost:${PORT}`;
const BASELINE = process.argv.indexOf('--baseline') > 0 ? process.argv[process.argv.indexOf('--baseline') + 1] : undefined;
const BASELINE_PORT = E2E_PORT + 7; // +6 is bench/search-gap.mts's
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const option = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const PRESETS = (option('--preset') ? [option('--preset')] : ['mobile', 'desktop']) as ('mobile' | 'desktop')[];
const PAGE = option('--page');
const WHY = process.argv.includes('--why');
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);

function env(dist = DIST, url = base): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    ...process.env, NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: '1', PGLITE_DATA_DIR: 'memory://', SCHEDULE_DAYS: '21',
    JOBS_SCHEDULER: 'off', LOG_LEVEL: 'warn', SESSION_SECRET: 'pages-bench-session-secret-0123456789abcd', APP_URL: url,
  };
  for (const k of Object.keys(out)) if (/^(NEXT_PUBLIC_CLERK_|CLERK_|DATABASE_URL|SUPABASE_|STELLAR_|TRAQORA_CONTRACT)/.test(k)) delete out[k];
  return out;
}

async function until(url: string) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try { if ((await fetch(url)).ok) return; } catch { /* not up */ }
    if (Date.now() > deadline) throw new Error(`${url} not up after 300 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A traveller signed in with a fresh wallet (SEP-10), with one booking: its session cookie and PNR. */
async function tripFixture(base: string): Promise<{ cookie: string; pnr: string }> {
  const kp = Keypair.random();
  const challenge = await (await fetch(`${base}/api/v1/auth?account=${kp.publicKey()}`)).json() as { transaction: string; network_passphrase: string };
  const tx = TransactionBuilder.fromXDR(challenge.transaction, challenge.network_passphrase ?? Networks.TESTNET) as Transaction;
  tx.sign(kp);
  const auth = await fetch(`${base}/api/v1/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ transaction: tx.toXDR() }) });
  if (!auth.ok) throw new Error(`wallet sign-in answered ${auth.status}: ${await auth.text()}`);
  const cookie = auth.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const search = await (await fetch(`${base}/api/v1/flights/search?from=JFK&to=LHR&date=${day(10)}&adults=1&cabin=economy&max_stops=0`)).json() as { data: { id: string }[] };
  const booking = await fetch(`${base}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      offer_id: search.data[0].id,
      passengers: [{ type: 'adult', given_name: 'Ada', family_name: 'Lovelace', date_of_birth: '1980-01-01',
        document: { type: 'passport', number: 'X1234567', issuing_country: 'GB', expires_on: '2036-01-01' } }],
      contact: { email: 'ada@example.com', phone: '+447700900123' },
    }),
  });
  if (!booking.ok) throw new Error(`booking answered ${booking.status}: ${await booking.text()}`);
  const { data } = await booking.json() as { data: { pnr: string } };
  return { cookie, pnr: data.pnr };
}

interface Run { score: number; lcp: number; tbt: number; fcp: number; cls: number }
type Audits = Record<string, { numericValue?: number; details?: { items?: Record<string, unknown>[] } }>;

/** Where the main thread went in one run (--why): by kind of work, by script, the long tasks, and what shifted. */
function why(audits: Audits): string[] {
  const items = (id: string) => audits[id]?.details?.items ?? [];
  const ms = (v: unknown) => `${Math.round(Number(v))} ms`;
  const short = (url: unknown) => String(url).replace(/^http:\/\/localhost:\d+/, '').replace(/^\/_next\/static\/chunks\//, '');
  return [
    `      main thread ${ms(audits['mainthread-work-breakdown']?.numericValue)}: ${items('mainthread-work-breakdown').slice(0, 6).map((i) => `${i.groupLabel ?? i.group} ${ms(i.duration)}`).join(' · ')}`,
    `      scripts (total / evaluation / parse): ${items('bootup-time').slice(0, 6).map((i) => `${short(i.url)} ${ms(i.total)}/${ms(i.scripting)}/${ms(i.scriptParseCompile)}`).join(' · ')}`,
    `      long tasks: ${items('long-tasks').slice(0, 8).map((i) => `${ms(i.duration)} at ${ms(i.startTime)} (${short(i.url)})`).join(' · ') || 'none'}`,
    // The nodes that moved (Lighthouse's layout-shifts audit), with its guess at why when it has one.
    ...(items('layout-shifts').length ? [`      layout shifts (CLS ${Number(audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)}):`] : []),
    ...items('layout-shifts').slice(0, 6).map((i) => {
      const node = i.node as { selector?: string; nodeLabel?: string; snippet?: string } | undefined;
      const causes = ((i.subItems as { items?: { cause?: unknown; extra?: { value?: unknown } }[] } | undefined)?.items ?? [])
        .map((c) => `${String(c.cause ?? '')}${c.extra?.value ? ` ${short(c.extra.value)}` : ''}`).filter(Boolean);
      return `        ${Number(i.score).toFixed(3)} ${node?.selector ?? '?'} "${String(node?.nodeLabel ?? '').slice(0, 50)}"${causes.length ? ` (${causes.join('; ')})` : ''}`;
    }),
  ];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (process.argv.includes('--build') || !existsSync(`${DIST}/BUILD_ID`)) {
    console.log(`building the default configuration into ${DIST} …`);
    if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: env() }).status !== 0) throw new Error('next build failed');
  }
  const builds = [{ dist: DIST, url: base, port: PORT }, ...(BASELINE ? [{ dist: BASELINE, url: `http://localhost:${BASELINE_PORT}`, port: BASELINE_PORT }] : [])];
  const servers = builds.map((b) => spawn('npx', ['next', 'start', '-H', 'localhost', '-p', String(b.port)], { env: env(b.dist, b.url), stdio: 'ignore', detached: true }));
  // Lighthouse drives an already running Chromium over the DevTools protocol.
  const profile = mkdtempSync(path.join(tmpdir(), 'traqora-lighthouse-'));
  const chrome = { port: CHROME_PORT, process: spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', `--user-data-dir=${profile}`,
    `--remote-debugging-port=${CHROME_PORT}`, 'about:blank'], { stdio: 'ignore' }) };
  try {
    await until(`http://127.0.0.1:${chrome.port}/json/version`);
    const fixtures = await Promise.all(builds.map(async (b) => { await until(`${b.url}/api/health`); return tripFixture(b.url); }));
    const pagesOf = ({ cookie, pnr }: { cookie: string; pnr: string }) => ([
      ['/', '/'],
      ['/search JFK→LHR', `/search?from=JFK&to=LHR&date=${day(14)}&adults=1&children=0&infants=0&cabin=economy`],
      ['/trips/<pnr>', `/trips/${pnr}`, { cookie }],
    ] as [string, string, Record<string, string>?][]).filter(([label]) => !PAGE || (PAGE === '/' ? label === '/' : label.startsWith(PAGE)));
    const pages = fixtures.map(pagesOf);
    // Warm every page once (first renders compile nothing in production, but fill caches).
    for (const [i, b] of builds.entries()) for (const [, path, headers] of pages[i]) await fetch(b.url + path, { headers });
    const rows: string[] = [];
    for (const preset of PRESETS) {
      for (let p = 0; p < pages[0].length; p++) {
        const runs: Run[][] = builds.map(() => []);
        const last: Audits[] = builds.map(() => ({}));
        for (let i = 0; i < RUNS; i++) {
          // Alternate the builds run by run: each sees the same machine.
          for (const [k, b] of builds.entries()) {
            const [, path, headers] = pages[k][p];
            const result = await lighthouse(b.url + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: headers },
              preset === 'desktop' ? desktopConfig : undefined);
            const a = result!.lhr.audits;
            last[k] = a as Audits;
            runs[k].push({
              score: Math.round((result!.lhr.categories.performance.score ?? 0) * 100),
              lcp: a['largest-contentful-paint'].numericValue ?? NaN, tbt: a['total-blocking-time'].numericValue ?? NaN,
              fcp: a['first-contentful-paint'].numericValue ?? NaN, cls: a['cumulative-layout-shift'].numericValue ?? NaN,
            });
          }
        }
        for (const [k, b] of builds.entries()) {
          const r = runs[k];
          rows.push([preset.padEnd(8), pages[k][p][0].padEnd(18), b.dist.padEnd(14), String(median(r.map((x) => x.score))).padStart(6),
            `${(median(r.map((x) => x.lcp)) / 1000).toFixed(2)} s`.padStart(9), `${Math.round(median(r.map((x) => x.tbt)))} ms`.padStart(9),
            `${(median(r.map((x) => x.fcp)) / 1000).toFixed(2)} s`.padStart(9), median(r.map((x) => x.cls)).toFixed(3).padStart(7),
            `  (scores ${r.map((x) => x.score).join(', ')}; TBT ${r.map((x) => Math.round(x.tbt)).join(', ')})`].join(' '));
          if (WHY) rows.push(...why(last[k]));
        }
      }
    }
    console.log(`\nLighthouse, median of ${RUNS} runs, production builds of the default configuration · load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`${'preset'.padEnd(8)} ${'page'.padEnd(18)} ${'build'.padEnd(14)} ${'score'.padStart(6)} ${'LCP'.padStart(9)} ${'TBT'.padStart(9)} ${'FCP'.padStart(9)} ${'CLS'.padStart(7)}`);
    for (const r of rows) console.log(r);
    console.log('targets: mobile ≥ 90, LCP ≤ 2.5 s, TBT ≤ 200 ms (issue #15); desktop ≥ 95, LCP ≤ 1.0 s (issue #14)');
  } finally {
    chrome.process.kill();
    rmSync(profile, { recursive: true, force: true });
    for (const server of servers) try { process.kill(-server.pid!, 'SIGTERM'); } catch { /* gone */ }
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
