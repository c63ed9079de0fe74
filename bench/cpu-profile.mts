// Where a server's CPU went, from the .cpuprofile files `node --cpu-prof` writes (bench/booking.mts
// --cpu-prof <dir> starts the app server that way):
//   npx tsx bench/cpu-profile.mts <dir or .cpuprofile …> [--requests N] [--top 40] [--match text]
// Sums self time per function and per package (node_modules/<name>, node:internal, the app's own
// files, Next's bundled runtime), and inclusive time of the functions worth knowing about (a
// function's time counting what it calls, recursion counted once). With --requests, every figure
// is also in ms per request (the bench prints how many requests the server answered).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface CallFrame { functionName: string; url: string; lineNumber: number }
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

/** The package a script belongs to: what a reader would blame for its time. */
function owner(url: string): string {
  if (!url) return '(native / gc / idle)';
  if (url.startsWith('node:')) return url.startsWith('node:internal/') ? `node:${url.split('/')[1]}` : url;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  // Turbopack's server chunks name the sources they bundle in their file names.
  const chunk = /\/server\/chunks\/(?:ssr\/)?(.+)$/.exec(url);
  if (chunk) return `chunk ${chunk[1].replace(/_[0-9a-f]{6,}\._?\.js$|\.js$/, '')}`;
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
}

const self = new Map<string, number>();
const byOwner = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0, idle = 0, gc = 0, program = 0;

for (const file of files) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (f: CallFrame) => `${f.functionName || '(anonymous)'}  ${owner(f.url)}${f.url && !f.url.includes('node_modules') ? `:${f.lineNumber + 1}` : ''}`;
  // Sample i lasted timeDeltas[i + 1] (the delta is recorded before the sample it leads to).
  for (let i = 0; i < p.samples.length; i++) {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const node = nodes.get(p.samples[i])!;
    const name = node.callFrame.functionName;
    if (name === '(idle)') { idle += ms; continue; }
    total += ms;
    if (name === '(garbage collector)') gc += ms;
    if (name === '(program)') program += ms;
    self.set(key(node.callFrame), (self.get(key(node.callFrame)) ?? 0) + ms);
    byOwner.set(owner(node.callFrame.url), (byOwner.get(owner(node.callFrame.url)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const k = key(nodes.get(id)!.callFrame);
      if (!seen.has(k)) { seen.add(k); inclusive.set(k, (inclusive.get(k) ?? 0) + ms); }
    }
  }
}

const per = (ms: number) => REQUESTS ? `${(ms / REQUESTS).toFixed(3).padStart(8)} ms/req` : '';
const line = (ms: number, what: string) => `  ${ms.toFixed(0).padStart(8)} ms ${(100 * ms / total).toFixed(1).padStart(5)} % ${per(ms)}  ${what}`;
const top = (m: Map<string, number>, n: number, filter: (k: string) => boolean = () => true) =>
  [...m].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, n);

console.log(`${files.length} profile(s): ${total.toFixed(0)} ms on CPU (${idle.toFixed(0)} ms idle), of which GC ${gc.toFixed(0)} ms, (program) ${program.toFixed(0)} ms${REQUESTS ? `; ${REQUESTS} requests: ${(total / REQUESTS).toFixed(2)} ms each` : ''}`);
console.log('\nSelf time by package:');
for (const [k, ms] of top(byOwner, 25)) console.log(line(ms, k));
console.log('\nSelf time by function:');
for (const [k, ms] of top(self, TOP)) console.log(line(ms, k));
console.log(`\nInclusive time by function${MATCH ? ` (matching "${MATCH}")` : ' (over 1 %)'}:`);
for (const [k, ms] of top(inclusive, MATCH ? TOP : 200, (k) => MATCH ? k.includes(MATCH) : (inclusive.get(k)! > total / 100))) console.log(line(ms, k));
