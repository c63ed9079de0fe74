// Traqora Rewards speed:   npm run bench:loyalty   (-- --build rebuilds the app; -- --db-only skips HTTP)
//
// 1. The loyalty consumer's throughput (events/s) over an outbox of booking.paid and
//    booking.completed events, against the named baseline "event-counts": the no-op consumer
//    (it only counts) run over the same events by the same runner — the gap is loyalty's work
//    (member lock, earn, ledger rows, its own events), not the outbox machinery.
// 2. The summary and history reads as database calls, against the baseline "wallet_history"
//    (the wallet page's read over the same member's money ledger).
// 3. Unless --db-only: GET /api/v1/loyalty and /loyalty/history on the production app with
//    autocannon, against the baseline GET /api/v1/wallet for the same member.
// Prints p50/p95/p99. Embedded PGlite; loopback only.
import { randomBytes, randomUUID } from 'node:crypto';
import { openSqlDatabase } from '@/lib/db/open';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import { eventCounts } from '@/lib/events/consumers/event-counts';
import { loyaltyConsumer } from '@/lib/events/consumers/loyalty';
import { runConsumers } from '@/lib/events/runner';
import { mintClerkToken } from '@/e2e/support/clerk';
import { E2E_CRON_SECRET, serverEnv } from '@/e2e/support/server-env.mjs';
import { ensureBuild, load, printTable, startServer, timeCalls, type Figures } from './harness';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 120);
const DAYS = 21;
const PORT = 3410;
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const passenger = (i: number) => ({ type: 'adult', given_name: `Bench${'abcdefghijklmnopqrstuvwxyz'[i % 26]}`, family_name: 'Member', date_of_birth: '1980-01-01',
  document: { type: 'passport', number: `L${100000 + i}`, issuing_country: 'GB', expires_on: '2036-01-01' } });
const contact = { email: 'bench@example.com', phone: '+447700900123' };

/** `n` paid bookings for one member, spread over the schedule so seats never run out. */
async function paidBookings(db: SqlDatabase, user: string, n: number): Promise<{ flightIds: number[] }> {
  const its = (await db.call<{ flight_ids: number[] }[]>('search_itineraries', { origin: 'JFK', destination: 'LHR', date_from: day(3), date_to: day(18),
    cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 0 })).map((x) => x.flight_ids);
  const families = ['basic', 'standard', 'flex'];
  const flown: number[] = [];
  for (let i = 0; i < n; i++) {
    const slices = [its[i % its.length]];
    const family = families[i % 3];
    const { total_minor } = await db.call<{ total_minor: number }>('price_offer', { slices, cabin: 'economy', family, adults: 1 });
    const { booking } = await db.call<{ booking: { pnr: string } }>('create_booking', { user_id: user, idempotency_key: randomUUID(), request_hash: 'bench',
      slices, cabin: 'economy', fare_family: family, passengers: [passenger(i)], contact, expected_total: total_minor, currency: 'USD' });
    await db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 1_000_000_000 });
    if (i % 2 === 0) flown.push(...slices[0]);
  }
  return { flightIds: flown };
}

/** Events handled per second by one consumer over everything in the outbox (a fresh cursor). */
async function throughput(db: SqlDatabase, label: string, consumer: Parameters<typeof runConsumers>[1][number]): Promise<{ label: string; events: number; seconds: number; perSecond: number }> {
  const started = performance.now();
  let events = 0;
  for (;;) {
    const [run] = await runConsumers(db, [consumer], { batchSize: 100 });
    events += run.handled;
    if (run.handled === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  return { label, events, seconds, perSecond: events / seconds };
}

async function database(): Promise<{ rows: Figures[]; rates: Awaited<ReturnType<typeof throughput>>[] }> {
  const db = await openSqlDatabase({ driver: 'pglite', dataDir: 'memory://', migrate: true, seedDays: DAYS });
  try {
    const user = (await db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name: 'Bench Member' })).id;
    console.log(`paying ${BOOKINGS} bookings for one member …`);
    const { flightIds } = await paidBookings(db, user, BOOKINGS);
    await db.sql.query("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = any($1::bigint[])", [flightIds]);
    await db.call('release_flown_bookings', {});

    const rates = [
      await throughput(db, 'baseline event-counts (no-op consumer)', eventCounts),
      await throughput(db, 'loyalty consumer', loyaltyConsumer(async () => db)),
    ];
    const rows = [
      await timeCalls('database loyalty_summary', 300, () => db.call('loyalty_summary', { user_id: user })),
      await timeCalls('database loyalty_history (first page of 20)', 300, () => db.call('loyalty_history', { user_id: user, kind: null, cursor: null, limit: 20 })),
      await timeCalls('database loyalty_history (kind=earned)', 300, () => db.call('loyalty_history', { user_id: user, kind: 'earned', cursor: null, limit: 20 })),
      await timeCalls('database loyalty_stats', 300, () => db.call('loyalty_stats', { user_id: user })),
      await timeCalls('baseline database wallet_history', 300, () => db.call('wallet_history', { user_id: user })),
    ];
    return { rows, rates };
  } finally {
    await db.close();
  }
}

async function http(): Promise<Figures[]> {
  const env = { ...serverEnv(), SCHEDULE_DAYS: String(DAYS), JOBS_SCHEDULER: 'off', PGLITE_DATA_DIR: 'memory://' };
  ensureBuild(env);
  const server = await startServer(PORT, env);
  try {
    const auth = { authorization: `Bearer ${mintClerkToken(`user_bench_loyalty_${randomBytes(3).toString('hex')}`)}` };
    // a member with history: paid bookings, their events handled
    for (let d = 5, made = 0; d < 19 && made < 30; d++) {
      const res = await (await fetch(`${server.url}/api/v1/flights/search?from=JFK&to=LHR&date=${day(d)}&adults=1&max_stops=0`)).json();
      for (const o of (res.data ?? []).slice(0, 3)) {
        const offer = o.fare_options.find((f: { fare_family: string }) => f.fare_family === 'flex');
        const created = await (await fetch(`${server.url}/api/v1/bookings`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ offer_id: offer.id, passengers: [passenger(made)], contact }) })).json();
        await fetch(`${server.url}/api/v1/bookings/${created.data.pnr}/payments`, { method: 'POST', headers: { ...auth, 'idempotency-key': randomUUID() } });
        made++;
      }
    }
    await fetch(`${server.url}/api/cron/domain-events`, { method: 'POST', headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
    const get = (label: string, path: string) => load({ label, url: server.url, connections: CONNECTIONS, seconds: SECONDS, headers: auth, requests: [{ method: 'GET', path }] });
    for (const p of ['/api/v1/loyalty', '/api/v1/loyalty/history', '/api/v1/wallet']) await fetch(server.url + p, { headers: auth });   // warm up
    return [
      await get('HTTP GET /api/v1/loyalty', '/api/v1/loyalty'),
      await get('HTTP GET /api/v1/loyalty/history', '/api/v1/loyalty/history'),
      await get('baseline HTTP GET /api/v1/wallet', '/api/v1/wallet'),
    ];
  } finally {
    await server.stop();
  }
}

async function main() {
  const { rows, rates } = await database();
  const httpRows = process.argv.includes('--db-only') ? [] : await http();
  console.log(`\nLoyalty consumer throughput over ${BOOKINGS} paid bookings (half flown), ${new Date().toISOString()}`);
  for (const r of rates) console.log(`  ${r.label.padEnd(44)}${String(r.events).padStart(8)} events${r.seconds.toFixed(2).padStart(9)} s${r.perSecond.toFixed(1).padStart(10)} events/s`);
  printTable('Loyalty reads, database calls (PGlite)', rows);
  if (httpRows.length) printTable(`Loyalty reads over HTTP (PGlite) — ${CONNECTIONS} connections × ${SECONDS} s`, httpRows);
  console.log('\nBaselines: event-counts is the no-op consumer on the same runner and outbox; wallet_history / GET /wallet is the\n'
    + 'wallet page\'s read for the same member. The gap is what loyalty adds.');
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
