// The dispute desk at scale, measured on the database functions the API and the console call:
// `npm run bench:disputes`. 5,000 disputes (each with an evidence file) over real paid bookings,
// then, each against the raw SQL of the same question:
//   - the support queue filtered by status, first page (list_disputes)  vs  the bare keyset query with its joins
//   - the queue deep in its cursor                                        vs  the same keyset query from there
//   - one dispute as the desk reads it (get_dispute)                      vs  the dispute, its booking and evidence rows
// On a PostgreSQL server when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a fresh database is
// created and dropped), else PGlite in memory. BENCH_DISPUTES changes the 5,000; BENCH_READS the samples.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openSqlDatabase } from '@/lib/db/open';
import { seed } from '@/lib/db/seed';
import { printTable, timeCalls, type Figures } from './harness';

const DISPUTES = Number(process.env.BENCH_DISPUTES ?? 5_000);
const READS = Number(process.env.BENCH_READS ?? 300);
const BOOKINGS = 40;

async function main() {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let connectionString: string | undefined;
  let drop = async () => {};
  if (server) {
    const name = `tq_bench_disputes_${randomBytes(4).toString('hex')}`;
    const admin = async (sql: string) => { const c = new pg.Client({ connectionString: server }); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };
    await admin(`create database ${name}`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    connectionString = u.toString();
    drop = () => admin(`drop database if exists ${name} with (force)`);
  }
  const db = await openSqlDatabase({ driver: server ? 'postgres' : 'pglite', connectionString, dataDir: 'memory://', migrate: true, poolSize: 4 });
  const sql = db.sql;
  const rows: Figures[] = [];
  try {
    console.log(`${DISPUTES} disputes on ${server ? 'PostgreSQL' : 'PGlite'}: seeding…`);
    await seed(sql, 10);
    const support = (await db.call<{ id: string }>('upsert_dev_persona', { role: 'support', name: 'Bench Support' })).id;
    // real paid bookings through the booking functions; each gets one dispute opened through open_dispute
    const day = new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10);
    const found = await db.call<{ flight_ids: number[] }[]>('search_itineraries', {
      origin: 'JFK', destination: 'LHR', date_from: day, date_to: day, cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 0 });
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(2048)]).toString('base64');
    const passenger = { type: 'adult', given_name: 'Ada', family_name: 'Lovelace', date_of_birth: '1985-03-04',
      document: { type: 'passport', number: 'P12345678', issuing_country: 'GB', expires_on: '2035-01-01' } };
    const bookingIds: string[] = [];
    for (let i = 0; i < BOOKINGS; i++) {
      const user = (await db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name: `Bench Disputer ${i}` })).id;
      const it = found[i % found.length];
      const total = (await db.call<{ total_minor: number }>('price_offer', { slices: [it.flight_ids], cabin: 'economy', family: 'standard', adults: 1, children: 0, infants: 0 })).total_minor;
      const { booking } = await db.call<{ booking: { pnr: string; id: string } }>('create_booking', {
        user_id: user, idempotency_key: `bench-${i}-${randomBytes(4).toString('hex')}`, request_hash: 'h', slices: [it.flight_ids], cabin: 'economy',
        fare_family: 'standard', passengers: [passenger], contact: { email: 'ada@example.com', phone: '+447700900123' }, expected_total: total, currency: 'USD' });
      await db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000 });
      await db.call('open_dispute', { user_id: user, pnr: booking.pnr, reason: 'Bench: the service was not what was sold.', files: [{ name: 'proof.png', content: png }] });
      bookingIds.push(booking.id);
    }
    // the history: closed disputes on the same bookings, with evidence, spread over a year (set-based)
    await sql.query(
      `with d as (
         insert into traqora.disputes (booking_id, opened_by, reason, status, held_minor, currency, created_at, resolution_note)
         select b.id, b.user_id, 'Bench history dispute number ' || g, 'closed', b.total_minor, b.currency,
                now() - make_interval(secs => g * 6000), 'bench history'
         from generate_series(1, $1) g join lateral (select * from traqora.bookings where id = ($2::uuid[])[1 + g % $3]) b on true
         returning id, opened_by)
       insert into traqora.dispute_evidence (dispute_id, uploaded_by, file_name, content_type, size_bytes, sha256, content)
       select d.id, d.opened_by, 'proof.png', 'image/png', 2056, repeat('a', 64), decode($4, 'base64') from d`,
      [DISPUTES - BOOKINGS, bookingIds, BOOKINGS, png]);
    await sql.query('analyze traqora.disputes; analyze traqora.dispute_evidence');

    const baseline = `select d.id, d.status, b.pnr, left(d.reason, 200), d.held_minor, d.currency, u.display_name, d.created_at,
                             (select count(*) from traqora.dispute_evidence e where e.dispute_id = d.id)
                      from traqora.disputes d join traqora.bookings b on b.id = d.booking_id join traqora.users u on u.id = d.opened_by
                      where d.status = $1 and (d.created_at, d.id) < ($2, $3) order by d.created_at desc, d.id desc limit 26`;
    rows.push(await timeCalls('queue, page 1 (list_disputes)', READS, () => db.call('list_disputes', { user_id: support, admin: true, status: 'closed', limit: 25 })));
    rows.push(await timeCalls('queue baseline: raw SQL keyset page', READS, () => sql.query(baseline, ['closed', 'infinity', '00000000-0000-0000-0000-000000000000'])));
    const cursors = await sql.query<{ created_at: Date; id: string }>(`select created_at, id from traqora.disputes where status = 'closed' order by created_at desc, id desc`);
    const at = (i: number) => cursors[Math.floor((i / READS) * (cursors.length - 1))];
    rows.push(await timeCalls('queue, deep cursor pages (list_disputes)', READS, (i) =>
      db.call('list_disputes', { user_id: support, admin: true, status: 'closed', before_created: at(i).created_at.toISOString(), before_id: at(i).id, limit: 25 })));
    rows.push(await timeCalls('queue baseline: raw SQL deep keyset page', READS, (i) => sql.query(baseline, ['closed', at(i).created_at, at(i).id])));
    const open = await sql.query<{ id: string }>(`select id from traqora.disputes where status = 'open'`);
    rows.push(await timeCalls('one dispute (get_dispute)', READS, (i) => db.call('get_dispute', { user_id: support, id: open[i % open.length].id, admin: true })));
    rows.push(await timeCalls('one dispute baseline: raw SQL rows', READS, (i) => sql.query(
      `select d.*, b.pnr, b.status, (select json_agg(json_build_object('id', e.id, 'file_name', e.file_name, 'size_bytes', e.size_bytes)) from traqora.dispute_evidence e where e.dispute_id = d.id)
       from traqora.disputes d join traqora.bookings b on b.id = d.booking_id where d.id = $1`, [open[i % open.length].id])));
    printTable(`Dispute desk, ${DISPUTES} disputes (${server ? 'PostgreSQL' : 'PGlite'}), ms`, rows);
  } finally {
    await db.close();
    await drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
