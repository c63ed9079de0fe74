// The operators' console on a year of history, against a PostgreSQL server:
//   BENCH_DATABASE_URL=postgresql://…/db npm run bench:admin   (tsx --conditions=react-server: lib code is server-only)
// The database is migrated and, when it holds fewer than 100,000 bookings, topped up with
// `npm run data:demo`'s generator first. Measured in-process through the app's data port (the
// code the API routes call, without HTTP), each beside the raw SQL of the same question as the
// baseline (the gap is our overhead: row JSON, dynamic SQL, the port):
//   · the bookings table: filter + sort + cursor pages      (target p95 ≤ 50 ms)
//   · analytics for a year, by day, week and month         (target p95 ≤ 200 ms)
//   · the CSV export of every booking, time and memory     (target ≤ 10 s, flat memory), beside
//     PostgreSQL's own `COPY (the same rows) TO STDOUT (format csv)` through psql as the baseline
//   · the airline portal's and the audit log's CSV (the largest airline's segments; 20,000 audit
//     rows, appended once), written by the database, beside the previous path (list rows in JS)
// `-- --only=table,analytics,csv,exports` runs some sections. Prints figures only; nothing asserts a time.
import { spawn } from 'node:child_process';
import { printTable, timeCalls, type Figures } from './harness';

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('bench:admin needs BENCH_DATABASE_URL: a PostgreSQL database it may migrate and fill with demo history.');
  process.exit(2);
}
process.env.DATABASE_URL = url;
process.env.LOG_LEVEL ??= 'warn';
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const section = (name: 'table' | 'analytics' | 'csv' | 'exports') => !only || only.includes(name);
const TARGET = 100_000;

const { openSqlDatabase } = await import('@/lib/db/open');
const { demoDataSql } = await import('@/lib/db/demo-data');
const { listAdminBookings } = await import('@/lib/admin/bookings');
const { analytics } = await import('@/lib/admin/analytics');
const { BOOKINGS_CSV_HEADER, bookingCells, bookingsCsv, CSV_PAGE_ROWS } = await import('@/lib/admin/bookings-csv');
const { csvStream } = await import('@/lib/admin/csv');
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
if (section('table')) {
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
}

// ── Analytics ─────────────────────────────────────────────────────────────────────────────
if (section('analytics')) {
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
}

// ── CSV export ────────────────────────────────────────────────────────────────────────────
if (section('csv')) {
  global.gc?.();
  const heapStart = process.memoryUsage().heapUsed;
  let heapPeak = heapStart;
  const sampler = setInterval(() => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); }, 50);
  let bytes = 0;
  let lines = 0;
  const t0 = performance.now();
  const reader = (await bookingsCsv(bookingsQuery.parse({}))).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
  }
  const csvSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  // The baseline: the same rows and columns, newest first, written by PostgreSQL's COPY (no
  // quoting guard, no paging), read by psql into nothing.
  const copySql = `copy (select b.pnr, b.status, b.created_at, b.paid_at, b.closed_at, b.currency, b.total_minor, b.refund_minor, b.payment_rail,
      b.cabin, seg.origin, seg.destination, seg.departs_at, array_to_string(seg.airlines, ' '), lp.name, b.adults + b.children + b.infants,
      b.contact ->> 'email', b.user_id, cp.payer, cp.tx_hash
    from traqora.bookings b
    left join lateral (select p.given_name || ' ' || p.family_name as name from traqora.booking_passengers p where p.booking_id = b.id order by p.seq limit 1) lp on true
    left join lateral (select (array_agg(f.origin order by s.seq))[1] as origin, (array_agg(f.destination order by s.seq desc) filter (where s.slice = 1))[1] as destination,
        min(f.departs_at) as departs_at, array_agg(distinct s.airline::text) as airlines
      from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id where s.booking_id = b.id) seg on true
    left join lateral (select c.payer, c.tx_hash from traqora.chain_payments c where c.booking_id = b.id order by (c.status = 'confirmed') desc, c.created_at desc limit 1) cp on true
    order by b.created_at desc, b.id desc) to stdout (format csv, header)`;
  const t1 = performance.now();
  const copied = await new Promise<{ bytes: number; ok: boolean; why?: string }>((resolve) => {
    let n = 0;
    const psql = spawn('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', copySql], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    psql.stdout.on('data', (c: Buffer) => { n += c.byteLength; });
    psql.stderr.on('data', (c: Buffer) => { err += c; });
    psql.on('error', (e) => resolve({ bytes: 0, ok: false, why: e.message }));
    psql.on('close', (code) => resolve({ bytes: n, ok: code === 0, why: err.trim() || `psql exited ${code}` }));
  });
  const rawSeconds = (performance.now() - t1) / 1000;
  // The previous path, for comparison in the same run: the list's row JSON, formatted in JS.
  const t2 = performance.now();
  let jsonBytes = 0;
  const jsonReader = (await csvStream(BOOKINGS_CSV_HEADER, bookingCells, (cursor) =>
    listAdminBookings({ ...bookingsQuery.parse({}), cursor, limit: CSV_PAGE_ROWS }, { maxLimit: CSV_PAGE_ROWS }))).getReader();
  for (;;) {
    const { done, value } = await jsonReader.read();
    if (done) break;
    jsonBytes += value.byteLength;
  }
  const jsonSeconds = (performance.now() - t2) / 1000;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log('\nCSV export of every booking (target ≤ 10 s, flat memory)');
  console.log(`  app: ${(lines - 1).toLocaleString('en-US')} rows, ${mb(bytes)} in ${csvSeconds.toFixed(2)} s (${Math.round((lines - 1) / csvSeconds).toLocaleString('en-US')} rows/s);`
    + ` heap ${mb(heapStart)} at start, ${mb(heapPeak)} at peak (the file is ${mb(bytes)}: memory holds one page, not the file)`);
  console.log(`  previous path (the list's row JSON formatted in JS): ${mb(jsonBytes)} in ${jsonSeconds.toFixed(2)} s`);
  console.log(copied.ok
    ? `  baseline: psql COPY (same rows and columns) TO STDOUT: ${mb(copied.bytes)} in ${rawSeconds.toFixed(2)} s`
    : `  baseline: psql COPY could not run (${copied.why})`);
}

// ── The airline portal's and the audit log's CSV ──────────────────────────────────────────
if (section('exports')) {
  const { airlineBookingsCsv, airlineBookingCells, AIRLINE_CSV_HEADER } = await import('@/lib/airline/bookings-csv');
  const { listAirlineBookings } = await import('@/lib/airline/portal');
  const { auditCsv, auditCells, AUDIT_CSV_HEADER } = await import('@/lib/admin/audit-csv');
  const { listAudit } = await import('@/lib/admin/audit');
  const AUDIT_ROWS = 20_000;
  const audits = async () => (await sql.query<{ n: number }>('select count(*)::int as n from traqora.audit_log'))[0].n;
  if ((await audits()) < AUDIT_ROWS) {
    const missing = AUDIT_ROWS - (await audits());
    console.log(`appending ${missing} audit rows …`);
    await sql.exec(`select traqora.audit_append(jsonb_build_object('reason', 'bench row ' || g, 'ip', '203.0.113.' || (g % 250), 'request_id', 'bench-' || g),
      'booking.cancelled', 'booking', 'B' || g, jsonb_build_object('status', 'paid', 'total_minor', g * 100, 'tags', jsonb_build_array('a', g)),
      jsonb_build_object('status', 'cancelled', 'refund_minor', g * 50, 'note', 'Zoë said "fine", ok')) from generate_series(1, ${missing}) g`);
  }
  const [{ airline }] = await sql.query<{ airline: string }>('select airline from traqora.booking_segments group by airline order by count(*) desc limit 1');
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    const t0 = performance.now();
    const reader = stream.getReader();
    let bytes = 0;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
    }
    return { bytes, rows: lines - 1, seconds: (performance.now() - t0) / 1000 };
  };
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const line = (label: string, r: { bytes: number; rows: number; seconds: number }) =>
    console.log(`  ${label}: ${r.rows.toLocaleString('en-US')} rows, ${mb(r.bytes)} in ${r.seconds.toFixed(2)} s (${Math.round(r.rows / r.seconds).toLocaleString('en-US')} rows/s)`);
  const everything = (await import('@/lib/airline/schema')).airlineBookingsQuery.parse({ from: '2000-01-01' });
  console.log(`\nAirline portal CSV (${airline}, every departure)`);
  line('SQL text (airline_bookings_csv)', await drain(await airlineBookingsCsv(airline, everything)));
  line('previous path (list rows formatted in JS)', await drain(await csvStream(AIRLINE_CSV_HEADER, airlineBookingCells, (cursor) =>
    listAirlineBookings(airline, { ...everything, cursor, limit: 5000 }, { maxLimit: 5000 }))));
  console.log('\nAudit log CSV (every row)');
  line('SQL text (admin_audit_csv)', await drain(await auditCsv({})));
  line('previous path (list rows, 200 a page, formatted in JS)', await drain(await csvStream(AUDIT_CSV_HEADER, auditCells, (cursor) => listAudit({ cursor, limit: 200 }))));
}

await raw.close();
await (await appDb()).close();
