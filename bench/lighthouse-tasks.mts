// What Lighthouse's Total Blocking Time is made of, run by run. Lighthouse's mobile preset loads the
// page at full speed and simulates the phone afterwards, multiplying each main-thread task by 4
// (its CPU slowdown); a task counts as blocking from 12.5 ms observed. This runs Lighthouse (mobile)
// on each URL in turn, alternating them run by run so each sees the same machine, and prints for
// every run its TBT and long tasks as Lighthouse reports them, then the observed tasks of 12.5 ms
// or more from its own trace, ×4, with the browser's work inside each (style, layout, parse,
// script, GC) and the scripts they evaluated. bench/pages.mts gives the medians; this says what
// moved between two runs of one build, which on this host is mostly not script.
//   npx tsx bench/lighthouse-tasks.mts [--runs 5] <url> [<url> …]
// Serve production builds first, e.g.
//   NEXT_DIST_DIR=.next-budget PGLITE_DATA_DIR=memory:// npx next start -p 3304
// Asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';

const option = (name: string, fallback: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const RUNS = Number(option('--runs', '5'));
const urls = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--runs');
const CHROME_PORT = Number(option('--chrome-port', '9333'));
const SLOWDOWN = 4;
const WORK = ['ParseHTML', 'UpdateLayoutTree', 'Layout', 'Paint', 'EvaluateScript', 'v8.compile', 'FunctionCall', 'MinorGC', 'MajorGC', 'TimerFire', 'FireAnimationFrame', 'EventDispatch'];

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: { url?: string; isLoadingMainFrame?: boolean; documentLoaderURL?: string } } }
interface Item { duration: number; startTime: number; url?: string }

const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/_next\/static\/chunks\//, '').replace(/\?.*$/, '?…');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The page renderer's main-thread tasks of 12.5 ms or more, from navigation, with the work inside each. */
function observedTasks(events: TraceEvent[]): string[] {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL?.startsWith('http'));
  const t0 = nav?.ts ?? 0;
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && e.ts >= t0);
  // The page's renderer is the busiest one.
  const busy = new Map<string, number>();
  for (const t of tasks) busy.set(`${t.pid}:${t.tid}`, (busy.get(`${t.pid}:${t.tid}`) ?? 0) + (t.dur ?? 0));
  const key = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const inThread = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === key).sort((a, b) => a.ts - b.ts);
  return tasks.filter((t) => `${t.pid}:${t.tid}` === key && (t.dur ?? 0) * SLOWDOWN >= 50_000).sort((a, b) => a.ts - b.ts).map((t) => {
    const work = new Map<string, number>(); const scripts = new Set<string>();
    for (const e of inThread) {
      if (e.ts < t.ts) continue;
      if (e.ts >= t.ts + (t.dur ?? 0)) break;
      if (WORK.includes(e.name)) work.set(e.name, (work.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      if (e.name === 'EvaluateScript' && e.args?.data?.url) scripts.add(short(e.args.data.url));
    }
    const parts = [...work].filter(([, ms]) => ms >= 0.5).sort((a, b) => b[1] - a[1]).map(([n, ms]) => `${n} ${Math.round(ms)}`);
    return `    ${String(Math.round((t.dur ?? 0) / 1000 * SLOWDOWN)).padStart(4)} ms (×${SLOWDOWN}) at ${Math.round((t.ts - t0) / 1000)} ms observed: ${parts.join(' · ') || 'no traced work (navigation, renderer start)'}${scripts.size ? `  [${[...scripts].slice(0, 3).join(', ')}]` : ''}`;
  });
}

async function main() {
  if (!urls.length) throw new Error('give one or more URLs of a running production build');
  const profile = mkdtempSync(path.join(tmpdir(), 'traqora-lighthouse-tasks-'));
  const chrome = spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', `--user-data-dir=${profile}`,
    `--remote-debugging-port=${CHROME_PORT}`, 'about:blank'], { stdio: 'ignore' });
  try {
    for (let tries = 0; ; tries++) {
      try { if ((await fetch(`http://127.0.0.1:${CHROME_PORT}/json/version`)).ok) break; } catch { /* not up */ }
      if (tries > 60) throw new Error('Chromium did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
    const tbt = new Map<string, number[]>();
    for (let run = 1; run <= RUNS; run++) {
      for (const url of urls) {
        const result = await lighthouse(url, { port: CHROME_PORT, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
        const audits = result!.lhr.audits;
        const ms = audits['total-blocking-time'].numericValue ?? NaN;
        tbt.set(url, [...(tbt.get(url) ?? []), ms]);
        const long = ((audits['long-tasks'].details as { items?: Item[] } | undefined)?.items ?? [])
          .slice(0, 6).map((i) => `${Math.round(i.duration)} at ${Math.round(i.startTime)} (${i.url ? short(i.url) || '/' : '?'})`);
        const trace = (result!.artifacts as unknown as { Trace: { traceEvents: TraceEvent[] } }).Trace.traceEvents;
        console.log(`run ${run} ${short(url) || '/'}: TBT ${Math.round(ms)} ms, FCP ${Math.round(audits['first-contentful-paint'].numericValue ?? NaN)} ms (simulated) · Lighthouse's long tasks: ${long.join(' · ') || 'none'}`);
        console.log(observedTasks(trace).join('\n'));
      }
    }
    console.log('\nTBT by URL (median of the runs):');
    for (const [url, xs] of tbt) console.log(`  ${Math.round(median(xs))} ms  ${url}  (${xs.map(Math.round).join(', ')})`);
  } finally {
    chrome.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
