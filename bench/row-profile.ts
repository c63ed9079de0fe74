// A V8 CPU profile of one measured row of an app server, not of its whole life: the server's
// Node process gets its inspector opened with SIGUSR1 on a port of ours (NODE_OPTIONS
// --inspect-port, set when the server starts; nothing listens until the signal), and the bench
// runs Profiler.start just before the row and Profiler.stop right after, over the inspector's
// WebSocket (Node 24's global WebSocket). The file it writes is read by bench/cpu-profile.mts:
//   npx tsx bench/cpu-profile.mts <file> --requests <the row's requests>
// The profiler's sampling costs the server a few per cent: a profiled row's throughput is not a
// figure to compare with an unprofiled one.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processesUnder } from './cpu-share';

/** NODE_OPTIONS for a server to profile later: the inspector's port, opened only on SIGUSR1. */
export const inspectorEnv = (port: number) => ({ NODE_OPTIONS: `--inspect-port=127.0.0.1:${port}` });

/** The process of the tree under `root` that runs the server: `next start` renames itself next-server. */
function serverProcess(root: number): number {
  const server = processesUnder(root).find((p) => p.name.startsWith('next-server'));
  if (!server) throw new Error(`no next-server process under ${root}`);
  return server.pid;
}

interface Inspector { send: (method: string, params?: object) => Promise<Record<string, unknown>>; close: () => void }

async function connect(port: number): Promise<Inspector> {
  let targets: { webSocketDebuggerUrl: string }[] = [];
  for (let i = 0; i < 50 && !targets.length; i++) {
    try { targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json(); } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  if (!targets.length) throw new Error(`no inspector on port ${port}`);
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  let next = 1;
  const waiting = new Map<number, (v: Record<string, unknown>) => void>();
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data));
    if (m.id && waiting.has(m.id)) { waiting.get(m.id)!(m.error ? Promise.reject(new Error(m.error.message)) as never : m.result); waiting.delete(m.id); }
  };
  return {
    send: (method, params = {}) => new Promise((resolve) => { const id = next++; waiting.set(id, resolve); ws.send(JSON.stringify({ id, method, params })); }),
    close: () => ws.close(),
  };
}

/**
 * Profiles `row` on the server started under `rootPid` (with inspectorEnv(port)), writing
 * `<dir>/<name>.cpuprofile` and printing the command that summarises it per request. Returns the row's result.
 */
export async function profileRow<T extends { requests: number }>(rootPid: number, port: number, dir: string, name: string, row: () => Promise<T>): Promise<T> {
  const pid = serverProcess(rootPid);
  process.kill(pid, 'SIGUSR1');
  const inspector = await connect(port);
  try {
    await inspector.send('Profiler.enable');
    await inspector.send('Profiler.setSamplingInterval', { interval: 500 });
    await inspector.send('Profiler.start');
    const result = await row();
    const { profile } = await inspector.send('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`row profile (pid ${pid}): ${file}\n  npx tsx bench/cpu-profile.mts ${file} --requests ${result.requests}`);
    return result;
  } finally {
    await inspector.send('Profiler.disable').catch(() => {});
    inspector.close();
  }
}
