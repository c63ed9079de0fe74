// Where a page's main-thread time goes on a slow phone, function by function: loads a page in
// Debian's Chromium with the CPU slowed (default 4×, Lighthouse's mobile factor), records a V8 CPU
// profile from navigation until the page has been idle for a while, splits it into tasks at idle
// samples, and prints each task over 50 ms (slowed) with the functions that spent its time, by
// self time and by inclusive time. Lighthouse (bench/pages.mts) says how long the tasks are; this
// says what is in them. Asserts nothing.
//   npx tsx bench/main-thread.mts [--url http://localhost:3304/] [--cpu 4] [--as 1] [--loads 1] [--top 12] [--tasks 6] [--maps <dist dir>]
// --cpu 1 --as 4 reads the page as Lighthouse's default (simulated) throttling does: the load runs
// at full speed and each task's time is multiplied by 4, so a task counts as long from 12.5 ms.
// --loads N repeats the load and prints each one's sum, the details of the last.
// Serve a production build first, e.g. `NEXT_DIST_DIR=.next-budget PGLITE_DATA_DIR=memory:// npx next start -p 3304`.
// With --maps, names functions by their source (a build with `productionBrowserSourceMaps: true`
// in next.config.ts, served from that dist dir): minified names say little.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { chromium, type CDPSession } from 'playwright';

const option = (name: string, fallback: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const URL_ = option('--url', 'http://localhost:3304/');
const CPU = Number(option('--cpu', '4'));
const TOP = Number(option('--top', '12'));
const TASKS = Number(option('--tasks', '6'));
const MAPS = option('--maps', '');
const AS = Number(option('--as', '1'));
const LOADS = Number(option('--loads', '1'));

const traces = new Map<string, SourceMap | null>();
function traceOf(file: string): SourceMap | null {
  if (!traces.has(file)) {
    // Turbopack names a chunk's map by its own hash: the chunk's last line says which.
    const chunk = path.join(MAPS, 'static/chunks', file);
    const name = MAPS && existsSync(chunk) ? readFileSync(chunk, 'utf8').match(/\/\/# sourceMappingURL=(\S+)\s*$/)?.[1] : undefined;
    const map = name ? path.join(MAPS, 'static/chunks', name) : '';
    traces.set(file, map && existsSync(map) ? new SourceMap(JSON.parse(readFileSync(map, 'utf8'))) : null);
  }
  return traces.get(file)!;
}
/** Where a minified position came from: the source file (node_modules trimmed to the package) and the function's name. */
function original(url: string, line: number, column: number, name: string): string | undefined {
  const file = url.match(/\/_next\/static\/chunks\/([^?]+\.js)/)?.[1];
  const trace = file ? traceOf(file) : null;
  if (!trace) return undefined;
  // Node's entries carry the mapping's name too, which its types do not declare.
  const at = trace.findEntry(line, column) as { originalSource?: string; originalLine: number; name?: string };
  if (!at.originalSource) return undefined;
  const source = at.originalSource.replace(/^.*?node_modules\//, '').replace(/^turbopack:\/\/\/\[project\]\//, '').replace(/^.*\[project\]\//, '');
  return `${at.name ?? name ?? '(anonymous)'} ${source}:${at.originalLine + 1}`;
}

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; parent?: number; children?: number[] }
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const short = (url: string) => url.replace(/^https?:\/\/localhost:\d+/, '').replace(/^\/_next\/static\/chunks\//, '').slice(0, 60);
const label = (n: Node) => original(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber, n.callFrame.functionName)
  ?? `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;

async function record(session: CDPSession, load: () => Promise<void>): Promise<Profile> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  await load();
  const { profile } = await session.send('Profiler.stop') as unknown as { profile: Profile };
  return profile;
}

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } }

// The browser's own work inside a task, which the CPU profile lumps into `(program)`: what these
// trace events took (nested ones count in their parent too, so the lines can add up to more).
const RENDERER_WORK = ['ParseHTML', 'ParseAuthorStyleSheet', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'FunctionCall', 'MajorGC', 'MinorGC'];

interface Task { start: number; end: number; work: Map<string, number> }

/** The renderer main thread's tasks (start and end in µs, the profile's clock) from a trace, with the browser's own work in each. */
function mainThreadTasks(events: TraceEvent[]): Task[] {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, Task[]>();
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key)!.push({ start: e.ts, end: e.ts + (e.dur ?? 0), work: new Map() });
  }
  // The page's renderer is the busiest one.
  const [key, busiest] = [...byThread].sort(([, a], [, b]) => b.reduce((s, t) => s + t.end - t.start, 0) - a.reduce((s, t) => s + t.end - t.start, 0))[0] ?? ['', []];
  busiest.sort((a, b) => a.start - b.start);
  for (const e of events) {
    if (e.ph !== 'X' || !RENDERER_WORK.includes(e.name) || `${e.pid}:${e.tid}` !== key) continue;
    const task = busiest.find((t) => t.start <= e.ts && e.ts < t.end);
    if (task) task.work.set(e.name, (task.work.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  return busiest;
}

async function once(last: boolean): Promise<number> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  // Warm the server's caches with one unthrottled load first, in a context of its own: a load whose
  // scripts come from the browser's cache is not a first visit (Chrome does not stream cached
  // scripts, so it compiles them on the main thread), and Lighthouse clears the cache.
  const warm = await browser.newContext();
  await (await warm.newPage()).goto(URL_, { waitUntil: 'load' });
  await warm.close();
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const session = await context.newCDPSession(page);
  await page.goto('about:blank');
  await session.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  // The trace gives the tasks' real boundaries (one busy stretch can hold several tasks); the CPU
  // profile, on the same clock, says what ran in each.
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const profile = await record(session, async () => {
    await page.goto(URL_, { waitUntil: 'load' });
    await page.waitForTimeout(3000 * CPU / 4);
  });
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  await browser.close();
  const runTasks = mainThreadTasks(trace.traceEvents);

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
  // Each sample goes to the task it fell in; samples outside any task (idle) are dropped.
  const tasks: { start: number; ms: number; work: Map<string, number>; samples: { id: number; ms: number }[] }[] =
    runTasks.map((k) => ({ start: (k.start - profile.startTime) / 1000, ms: (k.end - k.start) / 1000 * AS, work: new Map([...k.work].map(([n, v]) => [n, v * AS])), samples: [] }));
  let t = profile.startTime; let k = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000 * AS;
    while (k < runTasks.length && runTasks[k].end < t) k++;
    if (k < runTasks.length && runTasks[k].start <= t && byId.get(profile.samples[i])!.callFrame.functionName !== '(idle)') tasks[k].samples.push({ id: profile.samples[i], ms });
  }
  const long = tasks.filter((k) => k.ms > 50 && k.start >= 0).sort((a, b) => b.ms - a.ms);
  const total = tasks.filter((k) => k.start >= 0).reduce((s, k) => s + k.ms, 0);
  const blocking = long.reduce((s, k) => s + k.ms - 50, 0);
  console.log(`${URL_} at ${CPU}× CPU${AS !== 1 ? `, times ×${AS}` : ''}: ${Math.round(total)} ms of main-thread work in ${tasks.filter((k) => k.start >= 0).length} tasks; ${long.length} over 50 ms; ` +
    `their time over 50 ms ${Math.round(blocking)} ms (a TBT-like sum from navigation, not Lighthouse's)`);
  console.log(`  long tasks: ${long.map((k) => `${Math.round(k.ms)} at ${Math.round(k.start / AS)}`).join(' · ')}`);
  if (!last) return blocking;
  // All the load's work by source file (self time): how much is the framework's, how much ours.
  const byFile = new Map<string, number>();
  for (const k of tasks) for (const smp of k.samples) {
    const l = label(byId.get(smp.id)!); const file = l.slice(l.indexOf(' ') + 1).replace(/:\d+(:\d+)?$/, '');
    byFile.set(file, (byFile.get(file) ?? 0) + smp.ms);
  }
  console.log(`  self time by file, all tasks:\n${[...byFile].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([f, v]) => `        ${String(Math.round(v)).padStart(5)} ms  ${f}`).join('\n')}`);
  for (const k of long.slice(0, TASKS)) {
    const self = new Map<string, number>(); const inclusive = new Map<string, number>();
    for (const s of k.samples) {
      const n = byId.get(s.id)!; self.set(label(n), (self.get(label(n)) ?? 0) + s.ms);
      const seen = new Set<string>();
      for (let p: Node | undefined = n; p; p = p.parent ? byId.get(p.parent) : undefined) {
        const l = label(p); if (seen.has(l) || p.callFrame.functionName === '(root)') continue;
        seen.add(l); inclusive.set(l, (inclusive.get(l) ?? 0) + s.ms);
      }
    }
    const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([l, v]) => `        ${String(Math.round(v)).padStart(5)} ms  ${l}`).join('\n');
    const work = [...k.work].sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${Math.round(ms)} ms`).join(' · ') || 'none traced';
    console.log(`\n  task of ${Math.round(k.ms)} ms at ${Math.round(k.start)} ms\n    browser work: ${work}\n    self:\n${top(self)}\n    inclusive:\n${top(inclusive)}`);
  }
  return blocking;
}

async function main() {
  const sums: number[] = [];
  for (let i = 0; i < LOADS; i++) sums.push(await once(i === LOADS - 1));
  if (LOADS > 1) {
    const sorted = [...sums].sort((a, b) => a - b);
    console.log(`\ntime over 50 ms per load: ${sums.map(Math.round).join(', ')}; median ${Math.round(sorted[Math.floor(sorted.length / 2)])} ms`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
