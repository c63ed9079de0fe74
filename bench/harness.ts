// Shared pieces of the bench scripts: a production server to measure, load with autocannon,
// exact percentiles, and printing. Loopback only; every run is bounded in time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

// BENCH_DIST_DIR=.next-e2e reuses the end-to-end build (same environment) instead of building again.
export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR ?? '.next-bench';

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Figures { label: string; requests: number; seconds: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number }

export function summarise(label: string, latencies: number[], seconds: number, errors = 0, non2xx = 0): Figures {
  const s = [...latencies].sort((a, b) => a - b);
  return { label, requests: s.length, seconds, rps: s.length / seconds, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), errors, non2xx };
}

export function printTable(title: string, rows: Figures[]) {
  console.log(`\n${title}`);
  console.log('  ' + ['what', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors'].map((h, i) => i ? h.padStart(9) : h.padEnd(44)).join(''));
  for (const r of rows) {
    console.log('  ' + [r.label.padEnd(44), String(r.requests).padStart(9), r.rps.toFixed(1).padStart(9), r.p50.toFixed(1).padStart(9),
      r.p95.toFixed(1).padStart(9), r.p99.toFixed(1).padStart(9), String(r.non2xx).padStart(9), String(r.errors).padStart(9)].join(''));
  }
}

/** Runs autocannon against requests for a fixed time, recording every response time. */
export async function load(opts: { url: string; connections: number; seconds: number; requests: object[]; label: string; headers?: Record<string, string> }): Promise<Figures> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: opts.url, connections: opts.connections, duration: opts.seconds, requests: opts.requests, headers: opts.headers,
  });
  instance.on('response', (_c: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await instance;
  return summarise(opts.label, latencies, opts.seconds, result.errors + result.timeouts, result.non2xx);
}

/**
 * Times `n` calls of a function made by `concurrency` callers at once (the database alone, no
 * HTTP, at the same concurrency as the HTTP rows: the floor those rows stand on).
 */
export async function timeConcurrent(label: string, n: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < n; i = next++) {
      const t0 = performance.now();
      await fn(i);
      latencies.push(performance.now() - t0);
    }
  }));
  return summarise(label, latencies, (performance.now() - started) / 1000);
}

/**
 * Like timeConcurrent, but for a fixed time rather than a fixed count, as the HTTP rows run: the
 * callers stay `concurrency` strong to the end instead of thinning out over the last calls.
 */
export async function timeConcurrentFor(label: string, seconds: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await fn(next++);
      latencies.push(performance.now() - t0);
    }
  }));
  return summarise(label, latencies, (performance.now() - started) / 1000);
}

/** Times a function `n` times in sequence (the database alone, no HTTP). */
export async function timeCalls(label: string, n: number, fn: (i: number) => Promise<unknown>): Promise<Figures> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    latencies.push(performance.now() - t0);
  }
  return summarise(label, latencies, (performance.now() - started) / 1000);
}

// The bench is one client hammering from one address: limits far above what it can send, so it
// measures the server (the limiter still counts every request, as in production).
const BENCH_RATE_LIMITS = {
  RATE_LIMIT_ANONYMOUS: '1000000', RATE_LIMIT_SIGNED_IN: '1000000', RATE_LIMIT_API_KEY: '1000000',
  RATE_LIMIT_SIGN_IN: '1000000', RATE_LIMIT_BOOKING: '1000000', RATE_LIMIT_PAYMENT: '1000000',
};

export function ensureBuild(env: Record<string, string>) {
  if (existsSync(`${BENCH_DIST_DIR}/BUILD_ID`) && !process.argv.includes('--build')) return;
  console.log(`building the app into ${BENCH_DIST_DIR} …`);
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, ...env, NEXT_DIST_DIR: BENCH_DIST_DIR } });
  if (r.status !== 0) throw new Error('build failed');
}

/**
 * A GET for the bench's own setup requests, on a connection of its own. An in-process PGlite
 * baseline runs on this process's event loop, so while it works the loop cannot see the server
 * close an idle keep-alive socket; the next fetch would reuse that dead socket and fail with
 * "other side closed" (what killed `npm run bench` after its raw PGlite rows).
 */
export async function getFresh(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { headers: { ...headers, connection: 'close' } });
}

export async function startServer(port: number, env: Record<string, string>, opts: { cwd?: string } = {}): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  // opts.cwd: another checkout's build (e.g. a worktree of main, measured in the same run).
  const child: ChildProcess = spawn('npx', ['next', 'start', '-H', 'localhost', '-p', String(port)], {
    cwd: opts.cwd,
    env: { ...process.env, ...BENCH_RATE_LIMITS, ...env, NEXT_DIST_DIR: env.NEXT_DIST_DIR ?? BENCH_DIST_DIR, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'], detached: true,
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('server did not become healthy in 180 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ }
      await new Promise((r) => setTimeout(r, 1000));
    },
  };
}
