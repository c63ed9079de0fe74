// The operators' console on a year of history, against a PostgreSQL server:
//   BENCH_DATABASE_URL=postgresql://…/db npm run bench:admin   (tsx --conditions=react-server: lib code is server-only)
// The database is migrated and, when it holds fewer than 100,000 bookings, topped up with
// `npm run data:demo`'s generator first. Measured in-process through the app's data port (the
// code the API routes call, without HTTP), each beside the raw SQL of the same question as the
// baseline (the gap is our overhead: row JSON, dynamic SQL, the port):
//   · the bookings table: filter + sort + cursor pages      (target p95 ≤ 50 ms)
//   · analytics for a year, by day, week and month         (target p95 ≤ 200 ms)
//   · the CSV export of every booking, time and memory     (target ≤ 10 s, flat memory)
// Prints figures only; nothing here asserts a time.
import { printTable, timeCalls, type Figures } from './harness';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('bench:admin needs BENCH_DATABASE_URL: a PostgreSQL database it may migrate and fill with demo history.');
  process.exit(2);
}
process.env.DATABASE_URL = url;
process.env.LOG_LEVEL ??= 'warn';
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const TARGET = 100_000;

const { openSqlDatabase } = await import('@/lib/db/open');
const { demoDataSql } = await import('@/lib/db/demo-data');
const { listAdminBookings } = await import('@/lib/admin/bookings');
const { analytics } = await import('@/lib/admin/analytics');
const { bookingsCsv } = await import('@/lib/admin/bookings-csv');
const { analyticsQuery, bookingsQuery } = await import('@/lib/admin/query');
const { db: appDb } = await import('@/lib/db/connect');

const raw = await openSqlDatabase({ driver: 'postgres', connectionString: url, migrate: true, seedDays: 21, poolSize: 2 });
const sql = raw.sql;
const count = async () => (await sql.query<{ n: number }>('select count(*)::int as n from traqora.bookings'))[0].n;
if ((await count()) < TARGET) {
  const missing = TARGET - (await count());
  console.log(`topping the database up with ${missing} demo bookings …`);
  await sql.transaction((tx) => tx.exec(demoDataSql(missing)));
  await sql.exec('analyze');
}
const total = await count();
console.log(`\n${total.toLocaleString('en-US')} bookings in the database; ${RUNS} runs per query`);
await appDb(); // open the app's pool before timing

// ── Bookings table ────────────────────────────────────────────────────────────────────────
const [probe] = await sql.query<{ airline: string; email: string; mid: string }>(
  `select s.airline, lower(left(b.contact ->> 'email', 4)) as email, (now() - interval '180 days')::date::text as mid
   from traqora.bookings b join traqora.booking_segments s on s.booking_id = b.id order by b.created_at desc limit 1`);
const cursorAfter = async (raw: Record<string, string>, pages: number) => {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) cursor = (await listAdminBookings({ ...bookingsQuery.parse(raw), cursor, limit: 50 })).nextCursor ?? undefined;
  return cursor;
};
const PAGES: { label: string; query: Record<string, string>; pages: number; baseline: string; values: unknown[] }[] = [
  { label: 'newest first, page 1', query: {}, pages: 0,
    baseline: 'select b.id from traqora.bookings b order by b.created_at desc, b.id desc limit 51', values: [] },
  { label: 'newest first, page 20 (cursor)', query: {}, pages: 19,
    baseline: 'select b.id from traqora.bookings b order by b.created_at desc, b.id desc offset 950 limit 51', values: [] },
  { label: 'paid+refunded on chain by total, page 3', query: { status: 'paid,refunded', rail: 'soroban', sort: 'total' }, pages: 2,
    baseline: `select b.id from traqora.bookings b where b.status = any('{paid,refunded}') and b.payment_rail = 'soroban'
               order by b.total_minor desc, b.id desc offset 100 limit 51`, values: [] },
  { label: `airline ${probe.airline} since ${probe.mid}`, query: { airline: probe.airline, from: probe.mid }, pages: 0,
    baseline: `select b.id from traqora.bookings b where b.created_at >= $2::date and b.id in (select booking_id from traqora.booking_segments where airline = $1)
               order by b.created_at desc, b.id desc limit 51`, values: [probe.airline, probe.mid] },
  { label: `search "${probe.email}" (email/name prefix)`, query: { q: probe.email }, pages: 0,
    baseline: `select b.id from traqora.bookings b where b.id in (select x.id from traqora.bookings x where lower(x.contact ->> 'email') like $1
               union select p.booking_id from traqora.booking_passengers p where lower(p.family_name) like $1 or lower(p.given_name) like $1)
               order by b.created_at desc, b.id desc limit 51`, values: [`${probe.email}%`] },
  { label: 'total between $300 and $400', query: { min_total: '30000', max_total: '40000' }, pages: 0,
    baseline: 'select b.id from traqora.bookings b where b.total_minor between 30000 and 40000 order by b.created_at desc, b.id desc limit 51', values: [] },
];
const tableRows: Figures[] = [];
for (const p of PAGES) {
  const cursor = await cursorAfter(p.query, p.pages);
  const q = { ...bookingsQuery.parse(p.query), cursor, limit: 50 };
  await listAdminBookings(q); // warm
  tableRows.push(await timeCalls(`app: ${p.label}`, RUNS, () => listAdminBookings(q)));
  tableRows.push(await timeCalls(`  raw SQL baseline`, RUNS, () => sql.query(p.baseline, p.values)));
}
printTable('Bookings table (50 rows a page; target p95 ≤ 50 ms)', tableRows);

// ── Analytics ─────────────────────────────────────────────────────────────────────────────
const yearAgo = new Date(Date.now() - 365 * 864e5).toISOString().slice(0, 10);
const analyticsRows: Figures[] = [];
for (const interval of ['day', 'week', 'month'] as const) {
  const q = analyticsQuery.parse({ from: yearAgo, interval });
  await analytics(q);
  analyticsRows.push(await timeCalls(`app: a year by ${interval}`, Math.max(10, RUNS / 2), () => analytics(q)));
}
analyticsRows.push(await timeCalls('  raw SQL baseline: sales and closures by day', Math.max(10, RUNS / 2), () => sql.query(
  `select date_trunc('day', paid_at at time zone 'UTC'), count(*), sum(total_minor) from traqora.bookings
   where paid_at >= now() - interval '365 days' group by 1
   union all
   select date_trunc('day', closed_at at time zone 'UTC'), count(*), sum(total_minor) from traqora.bookings
   where closed_at >= now() - interval '365 days' and paid_at is not null group by 1`)));
printTable('Analytics for a year with the previous year (target p95 ≤ 200 ms)', analyticsRows);

// ── CSV export ────────────────────────────────────────────────────────────────────────────
global.gc?.();
const heapStart = process.memoryUsage().heapUsed;
let heapPeak = heapStart;
const sampler = setInterval(() => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); }, 50);
let bytes = 0;
let lines = 0;
const t0 = performance.now();
const reader = bookingsCsv(bookingsQuery.parse({})).getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
  for (const b of value) if (b === 10) lines++;
}
const csvSeconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const t1 = performance.now();
let rawRows = 0;
let after: { created_at: string; id: string } | null = null;
for (;;) {
  const page: { created_at: string; id: string; pnr: string; status: string; total_minor: number }[] = await sql.query(
    `select b.id, b.created_at, b.pnr, b.status, b.total_minor, b.contact ->> 'email' as email from traqora.bookings b
     where ($1::timestamptz is null or (b.created_at, b.id) < ($1::timestamptz, $2::uuid)) order by b.created_at desc, b.id desc limit 1000`,
    [after?.created_at ?? null, after?.id ?? null]);
  rawRows += page.length;
  if (page.length < 1000) break;
  after = page[page.length - 1];
}
const rawSeconds = (performance.now() - t1) / 1000;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log('\nCSV export of every booking (target ≤ 10 s, flat memory)');
console.log(`  app: ${(lines - 1).toLocaleString('en-US')} rows, ${mb(bytes)} in ${csvSeconds.toFixed(2)} s (${Math.round((lines - 1) / csvSeconds).toLocaleString('en-US')} rows/s);`
  + ` heap ${mb(heapStart)} at start, ${mb(heapPeak)} at peak (the file is ${mb(bytes)}: memory holds one page, not the file)`);
console.log(`  raw SQL baseline (same keyset pages of 1,000, base columns only): ${rawRows.toLocaleString('en-US')} rows in ${rawSeconds.toFixed(2)} s`);

await raw.close();
await (await appDb()).close();
