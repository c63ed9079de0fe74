// Where a server's CPU went, from the .cpuprofile files `node --cpu-prof` writes (bench/booking.mts
// --cpu-prof <dir> starts the app server that way):
//   npx tsx bench/cpu-profile.mts <dir or .cpuprofile …> [--requests N] [--top 40] [--match text]
// Sums self time per function and per package (node_modules/<name>, node:internal, the app's own
// files, Next's bundled runtime), and inclusive time of the functions worth knowing about (a
// function's time counting what it calls, recursion counted once). With --requests, every figure
// is also in ms per request (the bench prints how many requests the server answered).
// Code in the build's bundled chunks is traced back through the chunk's source map (Next writes
// them beside the server chunks) to the file it came from: node_modules/<package>, Next's own
// runtime (next/dist/…, by its folder), or our source file (lib/…, app/…) and line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const args = process.argv.slice(2);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : undefined; };
const REQUESTS = Number(option('--requests') ?? 0);
const TOP = Number(option('--top') ?? 40);
const MATCH = option('--match');

const files = args.flatMap((a) => statSync(a).isDirectory()
  ? readdirSync(a, { recursive: true }).map(String).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(a, f))
  : [a]);
if (!files.length) {
  console.error('usage: npx tsx bench/cpu-profile.mts <dir or .cpuprofile …> [--requests N] [--top 40] [--match text]');
  process.exit(2);
}

const maps = new Map<string, SourceMap | null>();
/** The original file and line a frame of a bundled chunk came from, through the chunk's source map. */
function original(f: CallFrame): { url: string; lineNumber: number } | null {
  // Only the build's own chunks: packages' files keep their names (their maps point into their sources).
  if (!f.url.startsWith('file://') || !f.url.endsWith('.js') || f.url.includes('/node_modules/')) return null;
  if (!maps.has(f.url)) {
    const file = `${fileURLToPath(f.url)}.map`;
    let map: SourceMap | null = null;
    try { if (existsSync(file)) map = new SourceMap(JSON.parse(readFileSync(file, 'utf8'))); } catch { /* unreadable: keep the chunk */ }
    maps.set(f.url, map);
  }
  const entry = maps.get(f.url)?.findEntry(f.lineNumber, f.columnNumber);
  if (!entry || !('originalSource' in entry) || !entry.originalSource) return null;
  // Turbopack names sources turbopack:///[project]/<path>
  const source = decodeURIComponent(entry.originalSource).replace(/^.*\[project\]\//, '').replace(/^file:\/\//, '').replace(/^(\.\.\/)+/, '');
  return { url: source, lineNumber: entry.originalLine };
}

/** What a reader would blame for a bundled source's time: a package, a part of Next, or our file. */
function sourceOwner(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm < 0) return source;
  const rest = source.slice(nm + 'node_modules/'.length).split('/');
  const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  if (pkg !== 'next') return pkg;
  // next/dist/compiled/<vendored package>, next/dist/server/<area>, …
  return rest[2] === 'compiled' ? `next (compiled ${rest[3]})` : `next (${rest.slice(2, 4).join('/')})`;
}

/** The package a script belongs to: what a reader would blame for its time. */
function owner(encoded: string): string {
  if (!encoded) return '(native / gc / idle)';
  const url = decodeURIComponent(encoded);
  if (url.startsWith('node:')) return url.startsWith('node:internal/') ? `node:${url.split('/')[1]}` : url;
  if (url.includes('node_modules/')) return sourceOwner(url);
  // Turbopack's server chunks name the sources they bundle in their file names.
  const chunk = /\/server\/chunks\/(?:ssr\/)?(.+)$/.exec(url);
  if (chunk) return `chunk ${chunk[1].replace(/_[0-9a-f]{6,}\._?\.js$|\.js$/, '')}`;
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
}

const self = new Map<string, number>();
const byOwner = new Map<string, number>();
const inclusive = new Map<string, number>();
const ownerInclusive = new Map<string, number>();
let total = 0, idle = 0, gc = 0, program = 0;

for (const file of files) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const cache = new Map<number, { key: string; owner: string }>();
  const frame = (n: ProfileNode) => {
    let v = cache.get(n.id);
    if (!v) {
      const f = n.callFrame, o = original(f);
      v = o
        ? { owner: sourceOwner(o.url), key: `${f.functionName || '(anonymous)'}  ${o.url.includes('node_modules/') ? `${sourceOwner(o.url)} ${o.url.split('/').slice(-2).join('/')}` : `${o.url}:${o.lineNumber + 1}`}` }
        : { owner: owner(f.url), key: `${f.functionName || '(anonymous)'}  ${owner(f.url)}${!f.url ? '' : f.url.includes('node_modules') ? ` ${path.basename(f.url)}` : `:${f.lineNumber + 1}`}` };
      cache.set(n.id, v);
    }
    return v;
  };
  // Sample i lasted timeDeltas[i + 1] (the delta is recorded before the sample it leads to).
  for (let i = 0; i < p.samples.length; i++) {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const node = nodes.get(p.samples[i])!;
    const name = node.callFrame.functionName;
    if (name === '(idle)') { idle += ms; continue; }
    total += ms;
    if (name === '(garbage collector)') gc += ms;
    if (name === '(program)') program += ms;
    const { key, owner: by } = frame(node);
    self.set(key, (self.get(key) ?? 0) + ms);
    byOwner.set(by, (byOwner.get(by) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const { key: k, owner: o } = frame(nodes.get(id)!);
      if (!seen.has(k)) { seen.add(k); inclusive.set(k, (inclusive.get(k) ?? 0) + ms); }
      if (!seen.has(`\0${o}`)) { seen.add(`\0${o}`); ownerInclusive.set(o, (ownerInclusive.get(o) ?? 0) + ms); }
    }
  }
}

const per = (ms: number) => REQUESTS ? `${(ms / REQUESTS).toFixed(3).padStart(8)} ms/req` : '';
const line = (ms: number, what: string) => `  ${ms.toFixed(0).padStart(8)} ms ${(100 * ms / total).toFixed(1).padStart(5)} % ${per(ms)}  ${what}`;
const top = (m: Map<string, number>, n: number, filter: (k: string) => boolean = () => true) =>
  [...m].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, n);

console.log(`${files.length} profile(s): ${total.toFixed(0)} ms on CPU (${idle.toFixed(0)} ms idle), of which GC ${gc.toFixed(0)} ms, (program) ${program.toFixed(0)} ms${REQUESTS ? `; ${REQUESTS} requests: ${(total / REQUESTS).toFixed(2)} ms each` : ''}`);
console.log('\nSelf time by package:');
for (const [k, ms] of top(byOwner, TOP)) console.log(line(ms, k));
console.log('\nInclusive time by package or file (its own time and what it calls):');
for (const [k, ms] of top(ownerInclusive, 30)) console.log(line(ms, k));
console.log('\nSelf time by function:');
for (const [k, ms] of top(self, TOP)) console.log(line(ms, k));
console.log(`\nInclusive time by function${MATCH ? ` (matching "${MATCH}")` : ' (over 1 %)'}:`);
for (const [k, ms] of top(inclusive, MATCH ? TOP : 200, (k) => MATCH ? k.includes(MATCH) : (inclusive.get(k)! > total / 100))) console.log(line(ms, k));
