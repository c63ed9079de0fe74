// CPU seconds used by groups of processes between two moments, read from /proc (Linux only):
// on a 2-core machine shared by the bench's client, the app server and PostgreSQL, what each one
// burns per request decides how much is left for the others.
import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

interface Proc { pid: number; ppid: number; name: string; uid: number; cpu: number }

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      const uid = Number(/Uid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] ?? -1);
      out.push({ pid: Number(d), ppid: Number(f[1]), name, uid, cpu: (Number(f[11]) + Number(f[12])) / TICK });
    } catch { /* gone */ }
  }
  return out;
}

/** The processes under `root` (itself included): the app server's tree, say. */
export function processesUnder(root: number): Proc[] {
  const all = processes();
  const pids = tree(all, root);
  return all.filter((p) => pids.has(p.pid));
}

/** The pid and all its descendants. */
function tree(all: Proc[], root: number): Set<number> {
  const set = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) if (!set.has(p.pid) && set.has(p.ppid)) { set.add(p.pid); grew = true; }
  }
  return set;
}

export type CpuGroups = Record<string, number>;

/**
 * Starts a measurement; the returned function gives the CPU seconds each group used since:
 * `server` (the given process tree), `postgres` (every postgres process: other users of the
 * server count too, so read it on a quiet machine), `bench` (this process), `other`.
 */
export function cpuShare(serverPid?: number): () => CpuGroups {
  const before = new Map(processes().map((p) => [p.pid, p.cpu]));
  return () => {
    const all = processes();
    const server = serverPid ? tree(all, serverPid) : new Set<number>();
    const groups: CpuGroups = { server: 0, postgres: 0, bench: 0, other: 0 };
    for (const p of all) {
      const used = p.cpu - (before.get(p.pid) ?? 0);
      if (used <= 0) continue;
      const group = server.has(p.pid) ? 'server' : p.pid === process.pid ? 'bench' : p.name.startsWith('postgres') ? 'postgres' : 'other';
      groups[group] += used;
    }
    return groups;
  };
}
