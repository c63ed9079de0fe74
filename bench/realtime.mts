// Live updates under load: `npm run bench:realtime` (add -- --build after TS changes).
// Needs a PostgreSQL server (BENCH_DATABASE_URL or TEST_DATABASE_URL): a scratch database is
// created, the production app started on it, and CLIENTS concurrent SSE streams opened on
// GET /api/v1/events (USERS users, CLIENTS/USERS tabs each). Then, one at a time, an event is
// committed for a random user straight into the outbox (traqora.emit_event, what every domain
// function does) and the time until every one of that user's tabs has it is recorded:
//   - raw NOTIFY round trip            baseline: pg_notify committed → a LISTEN client has it
//   - event → SSE client (each tab)    commit → the app's hub reads it → the tab's stream has it
// and the server's resident memory before and after the streams opened, per connection.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mintClerkToken } from '@/e2e/support/clerk';
import { serverEnv } from '@/e2e/support/server-env.mjs';
import { ensureBuild, printTable, startServer, summarise, type Figures } from './harness';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const USERS = Number(process.env.BENCH_USERS ?? 100);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);
const PORT = 3620;
const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

async function rss(url: string): Promise<number> {
  const text = await (await fetch(`${url}/api/metrics`)).text();
  return Number(/^traqora_process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? NaN);
}

/** Reads one SSE stream, calling onEvent with each data line's parsed JSON. */
async function openStream(url: string, token: string, onEvent: (data: { type: string; data: Record<string, unknown> }) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${url}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal });
  if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let ready = () => {};
  const isReady = new Promise<void>((r) => { ready = r; });
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let at;
        while ((at = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, at);
          buf = buf.slice(at + 2);
          if (block.includes('event: ready')) ready();
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data && !block.includes('event: ready')) onEvent(JSON.parse(data.slice(6)));
        }
      }
    } catch { /* aborted at the end */ }
  })();
  await isReady;
}

async function main() {
  if (!admin) throw new Error('bench:realtime needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server)');
  const name = `tq_bench_rt_${randomBytes(4).toString('hex')}`;
  const exec = async (sql: string) => { const c = new pg.Client({ connectionString: admin }); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };
  await exec(`create database ${name}`);
  const dbUrl = new URL(admin);
  dbUrl.pathname = `/${name}`;
  const env = { ...serverEnv(), DATABASE_URL: dbUrl.toString(), AUTO_MIGRATE: '1', SEED_ON_START: '1', SCHEDULE_DAYS: '3', JOBS_SCHEDULER: 'off' };
  ensureBuild(serverEnv());
  const app = await startServer(PORT, env);
  const sql = new pg.Client({ connectionString: dbUrl.toString() });
  await sql.connect();
  const abort = new AbortController();
  const rows: Figures[] = [];
  try {
    // Baseline: the raw NOTIFY round trip on the same server.
    const listener = new pg.Client({ connectionString: dbUrl.toString() });
    await listener.connect();
    await listener.query('listen bench_rt');
    const raw: number[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const got = new Promise<void>((r) => listener.once('notification', () => r()));
      const t0 = performance.now();
      await sql.query("select pg_notify('bench_rt', $1)", [String(i)]);
      await got;
      raw.push(performance.now() - t0);
    }
    await listener.end();
    rows.push(summarise('raw NOTIFY round trip (baseline)', raw, raw.reduce((a, b) => a + b, 0) / 1000));

    // USERS users (created on first sign-in), CLIENTS streams spread over them.
    const tokens = Array.from({ length: USERS }, (_, i) => mintClerkToken(`user_bench_rt_${i}`));
    const ids: string[] = [];
    for (const token of tokens) ids.push((await (await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()).data.id);
    const before = await rss(app.url);
    const waiting = new Map<string, { need: number; t0: number; done: () => void }>();
    const latencies: number[] = [];
    const opened = performance.now();
    for (let batch = 0; batch < CLIENTS; batch += 100) {
      await Promise.all(Array.from({ length: Math.min(100, CLIENTS - batch) }, (_, j) => {
        const u = (batch + j) % USERS;
        return openStream(app.url, tokens[u], (e) => {
          const key = String(e.data.bench);
          const w = waiting.get(key);
          if (!w) return;
          latencies.push(performance.now() - w.t0);
          if (--w.need === 0) w.done();
        }, abort.signal);
      }));
    }
    const openSeconds = (performance.now() - opened) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    const after = await rss(app.url);
    const tabs = (u: number) => Math.floor(CLIENTS / USERS) + (u < CLIENTS % USERS ? 1 : 0);

    const started = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      const u = i % USERS;
      const key = `e${i}`;
      const done = new Promise<void>((resolve) => waiting.set(key, { need: tabs(u), t0: performance.now(), done: resolve }));
      waiting.get(key)!.t0 = performance.now();
      await sql.query("select traqora.emit_event('notification.created', 'user', $1, jsonb_build_object('user_id', $1::text, 'bench', $2::text))", [ids[u], key]);
      await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`event ${key} not delivered to every tab in 10 s`)), 10_000))]);
      waiting.delete(key);
    }
    rows.push(summarise(`event → SSE client (${CLIENTS} streams, ${USERS} users)`, latencies, (performance.now() - started) / 1000));
    printTable(`Live updates on one instance, PostgreSQL LISTEN/NOTIFY (${EVENTS} events; ${CLIENTS} streams opened in ${openSeconds.toFixed(1)} s)`, rows);
    console.log(`  server memory: ${(before / 2 ** 20).toFixed(1)} MiB before the streams, ${(after / 2 ** 20).toFixed(1)} MiB with ${CLIENTS} open: ${((after - before) / CLIENTS / 1024).toFixed(1)} KiB per connection`);
    console.log('  target: p95 event → client ≤ 200 ms');
  } finally {
    abort.abort();
    await sql.end();
    await app.stop();
    await exec(`drop database if exists ${name} with (force)`).catch(() => {});
  }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
