import { nativeToScVal, scValToNative, xdr } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Itinerary } from '@/lib/flights/types';
import type { ContractName } from '@/lib/stellar/contract-names';
import { parseEvent, type RpcEvent } from '@/lib/stellar/events';
import { toEventRow } from '@/lib/indexer/event-row';
import { indexOnce, type IndexDeps } from '@/lib/indexer/poll';
import { reconcileBookings } from '@/lib/indexer/reconcile';
import { sorobanRpc } from '@/lib/indexer/rpc';
import { metrics } from '@/lib/metrics/registry';
import { onChainBookingId } from '@/lib/stellar/booking-id';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { fixtureEvents, startRpcStandIn, type RpcStandIn } from '@/tests/support/rpc-stand-in';

// The chain event index on PGlite and PostgreSQL: storage functions, the poller with the real
// stellar-sdk client against the RPC stand-in, and reconciliation on the exported fixtures.

const { events: FIXTURES, contracts: idsByName } = fixtureEvents();
const CONTRACTS = new Map([...idsByName].map(([name, id]) => [id, name as ContractName]));
const rows = (list = FIXTURES) => list.map((e) => toEventRow(parseEvent(e, CONTRACTS)));
const FAST_RETRY = { policy: { attempts: 5, baseMs: 5, maxMs: 20 } };

let t: TestDatabase;
let rpc: RpcStandIn;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 9, poolSize: 4 });
  rpc = await startRpcStandIn();
});
afterAll(async () => {
  await rpc?.close();
  await t?.close();
});

async function clearIndex() {
  await t.sql('delete from traqora.chain_events');
  await t.sql('delete from traqora.indexer_cursors');
}

const deps = (over: Partial<IndexDeps['config']> = {}, stream = 'traqora'): IndexDeps => ({
  db: t.db, stream, retry: FAST_RETRY, rpc: sorobanRpc(rpc.url, { timeoutMs: 300 }),
  config: { contracts: CONTRACTS, startLedger: 1000, pageLimit: 10, maxPages: 20, ...over },
});
const stored = async () => (await t.sql<{ n: number; ids: number }>('select count(*)::int as n, count(distinct id)::int as ids from traqora.chain_events'))[0];
const status = (stream = 'traqora') => t.db.call<{ found: boolean; cursor: string; last_ledger: number; latest_ledger: number; lag_ledgers: number; events: number }>('indexer_status', { stream });

describe('record_chain_events', () => {
  beforeEach(clearIndex);
  const page1 = rows(FIXTURES.slice(0, 10));
  const page2 = rows(FIXTURES.slice(10, 20));

  it('stores a page and its cursor together; the same page again stores nothing', async () => {
    const args = { stream: 'test', events: page1, cursor: FIXTURES[9].id, last_ledger: FIXTURES[9].ledger, latest_ledger: 1050 };
    expect(await t.db.call('record_chain_events', args)).toEqual({ stream: 'test', inserted: 10, cursor: FIXTURES[9].id, last_ledger: FIXTURES[9].ledger, latest_ledger: 1050 });
    expect(await t.db.call('record_chain_events', args)).toMatchObject({ inserted: 0, cursor: FIXTURES[9].id });
    expect(await stored()).toEqual({ n: 10, ids: 10 });
    expect(await status('test')).toMatchObject({ found: true, events: 10, lag_ledgers: 1050 - FIXTURES[9].ledger });
  });

  it('keeps the raw XDR and the decoded payload', async () => {
    await t.db.call('record_chain_events', { stream: 'test', events: page1, cursor: FIXTURES[9].id, last_ledger: 1, latest_ledger: 1 });
    const [row] = await t.sql<{ topic_xdr: string[]; value_xdr: string; topics: unknown[] }>('select topic_xdr, value_xdr, topics from traqora.chain_events where id = $1', [FIXTURES[0].id]);
    expect(row).toEqual({ topic_xdr: FIXTURES[0].topic, value_xdr: FIXTURES[0].value, topics: page1[0].topics });
  });

  it('never moves the cursor back when an older page arrives late', async () => {
    await t.db.call('record_chain_events', { stream: 'test', events: page2, cursor: FIXTURES[19].id, last_ledger: FIXTURES[19].ledger, latest_ledger: 1060 });
    const late = await t.db.call('record_chain_events', { stream: 'test', events: page1, cursor: FIXTURES[9].id, last_ledger: FIXTURES[9].ledger, latest_ledger: 1050 });
    expect(late).toMatchObject({ inserted: 10, cursor: FIXTURES[19].id, last_ledger: FIXTURES[19].ledger, latest_ledger: 1060 });
    expect(await status('test')).toMatchObject({ cursor: FIXTURES[19].id, events: 20 });
  });

  it('advances the cursor within a ledger by paging order', async () => {
    const a = '0000004471060955136-0000000001';
    const b = '0000004471060955136-0000000002';
    await t.db.call('record_chain_events', { stream: 'test', events: [], cursor: b, last_ledger: 1041, latest_ledger: 1041 });
    expect(await t.db.call('record_chain_events', { stream: 'test', events: [], cursor: a, last_ledger: 1041, latest_ledger: 1041 })).toMatchObject({ cursor: b });
  });

  it('refuses a bad stream name or a non-array page, storing nothing', async () => {
    await expect(t.db.call('record_chain_events', { stream: 'Bad Name', events: page1, cursor: 'c', last_ledger: 1, latest_ledger: 1 }))
      .rejects.toMatchObject({ status: 400, field: 'stream' });
    await expect(t.db.call('record_chain_events', { stream: 'test', events: { not: 'an array' }, cursor: 'c', last_ledger: 1, latest_ledger: 1 }))
      .rejects.toMatchObject({ status: 400, field: 'events' });
    expect(await stored()).toEqual({ n: 0, ids: 0 });
  });

  it('reports a stream it has never seen', async () => {
    expect(await status('never')).toMatchObject({ found: false, cursor: null, events: 0, lag_ledgers: null });
  });
});

describe('indexOnce with the real RPC client against the stand-in', () => {
  beforeEach(async () => {
    await clearIndex();
    rpc.setLatestLedger(1050);
    rpc.failNext(0);
    rpc.hangNext(0);
  });

  it('ingests every fixture event exactly once across several polls while the network advances', async () => {
    rpc.setLatestLedger(1015);
    const runs = [];
    const first = await indexOnce(deps({ pageLimit: 4, maxPages: 2 }));
    expect(first).toMatchObject({ pages: 2, fetched: 8, inserted: 8, caughtUp: false });
    runs.push(first);
    while (!runs.at(-1)!.caughtUp) runs.push(await indexOnce(deps({ pageLimit: 4, maxPages: 2 })));
    const through1015 = FIXTURES.filter((e) => e.ledger <= 1015).length;
    expect((await stored()).n).toBe(through1015);
    expect(await status()).toMatchObject({ last_ledger: 1015, latest_ledger: 1015, lag_ledgers: 0 });

    rpc.setLatestLedger(1050);
    do runs.push(await indexOnce(deps({ pageLimit: 4, maxPages: 2 }))); while (!runs.at(-1)!.caughtUp);
    const again = await indexOnce(deps({ pageLimit: 4, maxPages: 2 }));
    expect(again).toMatchObject({ pages: 1, fetched: 0, inserted: 0, caughtUp: true, lagLedgers: 0 });

    expect(await stored()).toEqual({ n: FIXTURES.length, ids: FIXTURES.length });
    expect(runs.reduce((s, r) => s + r.inserted, 0)).toBe(FIXTURES.length);
    const unnamed = await t.sql('select id from traqora.chain_events where event is null or contract is null');
    expect(unnamed).toEqual([]);
    expect(await status()).toMatchObject({ events: FIXTURES.length, last_ledger: 1050, lag_ledgers: 0 });
  });

  it('re-reading pages it already stored (a lost cursor) stores nothing twice', async () => {
    await indexOnce(deps());
    await t.sql('delete from traqora.indexer_cursors');
    const replay = await indexOnce(deps());
    expect(replay).toMatchObject({ fetched: FIXTURES.length, inserted: 0 });
    expect(await stored()).toEqual({ n: FIXTURES.length, ids: FIXTURES.length });
  });

  it('survives a hung request and 503s with backoff', async () => {
    rpc.hangNext(1);
    rpc.failNext(2, 503);
    const retries: number[] = [];
    const before = rpc.requests.length;
    const run = await indexOnce({ ...deps(), retry: { ...FAST_RETRY, onRetry: (r) => retries.push(r.attempt) } });
    expect(retries).toEqual([1, 2, 3]);
    expect(run.inserted).toBe(FIXTURES.length);
    expect(rpc.requests.length - before).toBe(3 + run.pages);
  });

  it('gives up after the bounded attempts without moving the cursor, and resumes next time', async () => {
    rpc.failNext(5, 503);
    await expect(indexOnce(deps())).rejects.toMatchObject({ response: { status: 503 } });
    expect(await status()).toMatchObject({ found: false });
    expect((await indexOnce(deps())).inserted).toBe(FIXTURES.length);
  });

  it('fails at once on a request RPC refuses (a start ledger outside its range)', async () => {
    const before = rpc.requests.length;
    await expect(indexOnce(deps({ startLedger: 5000 }))).rejects.toMatchObject({ code: -32600 });
    expect(rpc.requests.length - before).toBe(1);
  });

  it('starts at the network tip when no start ledger is configured', async () => {
    const run = await indexOnce(deps({ startLedger: undefined }));
    expect(run).toMatchObject({ fetched: 0, lastLedger: 1050, latestLedger: 1050, lagLedgers: 0 });
    expect(rpc.requests.at(-1)).toMatchObject({ method: 'getEvents', params: { startLedger: 1050 } });
  });

  it('reports its lag in ledgers as a metric', async () => {
    rpc.setLatestLedger(1100);
    const run = await indexOnce(deps({ pageLimit: 5, maxPages: 1 }));
    const lastLedger = FIXTURES[4].ledger;
    expect(run).toMatchObject({ caughtUp: false, lastLedger, latestLedger: 1100, lagLedgers: 1100 - lastLedger });
    const gauge = await metrics().indexerLag.get();
    expect(gauge.values.find((v) => v.labels.stream === 'traqora')?.value).toBe(1100 - lastLedger);
    expect(await status()).toMatchObject({ lag_ledgers: 1100 - lastLedger });
    const text = await metrics().registry.metrics();
    expect(text).toContain(`traqora_indexer_lag_ledgers{stream="traqora"} ${1100 - lastLedger}`);
    expect(text).toMatch(/traqora_indexer_events_total\{stream="traqora"\} \d+/);
  });
});

describe.skipIf(process.env.DB_TARGET !== 'postgres')('concurrent ingestion (PostgreSQL)', () => {
  beforeEach(async () => {
    await clearIndex();
    rpc.setLatestLedger(1050);
  });

  it('two workers polling at once store each event once', async () => {
    const [a, b] = await Promise.all([indexOnce(deps({ pageLimit: 5 })), indexOnce(deps({ pageLimit: 5 }))]);
    expect(a.inserted + b.inserted).toBe(FIXTURES.length);
    expect(await stored()).toEqual({ n: FIXTURES.length, ids: FIXTURES.length });
    expect(await status()).toMatchObject({ events: FIXTURES.length, last_ledger: 1050 });
  });

  it('the same page recorded by two workers at the same moment is stored once', async () => {
    const page = { stream: 'race', events: rows(), cursor: FIXTURES.at(-1)!.id, last_ledger: 1043, latest_ledger: 1050 };
    const results = await Promise.all(Array.from({ length: 4 }, () => t.db.call<{ inserted: number }>('record_chain_events', page)));
    expect(results.reduce((s, r) => s + r.inserted, 0)).toBe(FIXTURES.length);
    expect(await stored()).toEqual({ n: FIXTURES.length, ids: FIXTURES.length });
  });
});

// The fixture lifecycle uses escrow booking ids 1–8. To reconcile against app bookings, some
// of those ids are relabelled to the on-chain ids of real app booking segments: the u64 is
// replaced wherever the event carries it (topic or payload); everything else is the fixture.
function relabel(events: RpcEvent[], from: bigint, to: bigint): RpcEvent[] {
  const swap = (b64: string) => {
    const v = xdr.ScVal.fromXDR(b64, 'base64');
    return v.type === 'scvU64' && scValToNative(v) === from ? nativeToScVal(to, { type: 'u64' }).toXDR('base64') : b64;
  };
  return events.map((e) => {
    if (parseEvent(e, CONTRACTS).bookingId !== from.toString()) return e;
    const value = xdr.ScVal.fromXDR(e.value, 'base64');
    const relabelled = value.type === 'scvMap'
      ? xdr.ScVal.scvMap(value.value!.map((m) => new xdr.ScMapEntry({
          key: m.key, val: scValToNative(m.key) === 'booking_id' ? xdr.ScVal.fromXDR(swap(m.val.toXDR('base64')), 'base64') : m.val })))
      : value;
    return { ...e, topic: e.topic!.map((t, i) => (i >= 2 ? swap(t) : t)), value: relabelled.toXDR('base64') };
  });
}

async function connecting(): Promise<Itinerary> {
  for (let d = 7; d < 9; d++) {
    const day = new Date(Date.now() + d * 864e5).toISOString().slice(0, 10);
    const found = await t.db.call<Itinerary[]>('search_itineraries', {
      origin: 'BOS', destination: 'LHR', date_from: day, date_to: day, cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 1 });
    const one = found.find((i) => i.stops === 1);
    if (one) return one;
  }
  throw new Error('no one-stop BOS-LHR in the test schedule');
}

describe('bookings and reconciliation on the fixture events', () => {
  const app: Record<string, { id: string; pnr: string }> = {};
  const chainId = (name: string, seq = 1) => onChainBookingId(app[name].id, seq).toString();
  let relabelled: RpcStandIn;

  beforeAll(async () => {
    await clearIndex();
    const user = await traveller(t, 'Chain Reconciler');
    const direct = await nonstop(t);
    const twoLegs = await connecting();
    // fixture booking → app booking (segments) and the statuses the app moves it through
    const plan = [
      ['released', 1n, direct, ['paid', 'completed']],      // agrees
      ['refunded', 2n, direct, ['paid', 'refunded']],       // agrees
      ['expired', 5n, direct, ['paid']],                    // escrow gave the money back; the app still says paid
      ['two-legs', 8n, twoLegs, ['paid', 'refunded']],      // escrow released segment 1; segment 2 never reached escrow
    ] as const;
    let events = FIXTURES;
    for (const [name, fixtureId, itinerary, statuses] of plan) {
      const { booking } = await book(t, user, itinerary);
      app[name] = { id: booking.id, pnr: booking.pnr };
      for (const s of statuses) await t.sql('update traqora.bookings set status = $1 where id = $2', [s, booking.id]);
      events = relabel(events, fixtureId, onChainBookingId(booking.id, 1));
    }
    relabelled = await startRpcStandIn({ events, latestLedger: 1050 });
    await indexOnce({ ...deps(), rpc: sorobanRpc(relabelled.url) });
  });
  afterAll(async () => { await relabelled?.close(); });

  it('derives on-chain booking ids the same way in SQL and TypeScript', async () => {
    const segments = await t.sql<{ booking_id: string; seq: number; chain_id: string }>(
      'select booking_id::text, seq, traqora.chain_booking_id(booking_id, seq) as chain_id from traqora.booking_segments limit 50');
    expect(segments.length).toBeGreaterThanOrEqual(5);
    for (const s of segments) expect(s.chain_id).toBe(onChainBookingId(s.booking_id, s.seq).toString());
  });

  it('lists the events naming a booking by PNR (every segment) or by on-chain id, in chain order', async () => {
    type Found = { pnr: string | null; segments: { seq: number | null; booking_id: string }[]; events: { contract: string; action: string; booking_id: string }[] };
    const released = await t.db.call<Found>('chain_events_for_booking', { booking_ref: app.released.pnr });
    expect(released.segments).toMatchObject([{ seq: 1, booking_id: chainId('released') }]);
    expect(released.events.map((e) => `${e.contract}.${e.action}`)).toEqual(['escrow.paid', 'receipts.minted', 'escrow.released']);
    expect(released.events[0].booking_id).toBe(chainId('released'));

    const twoLegs = await t.db.call<Found>('chain_events_for_booking', { booking_ref: app['two-legs'].pnr });
    expect(twoLegs.segments.map((s) => s.booking_id)).toEqual([chainId('two-legs', 1), chainId('two-legs', 2)]);
    expect(twoLegs.events.map((e) => `${e.contract}.${e.action}`)).toEqual(['escrow.disputed', 'disputes.filed', 'escrow.released', 'disputes.executed']);

    const byId = await t.db.call<Found>('chain_events_for_booking', { booking_ref: chainId('expired') });
    expect(byId.pnr).toBe(app.expired.pnr);
    expect(byId.events.map((e) => e.action)).toEqual(['refunded']);

    const foreign = await t.db.call<Found>('chain_events_for_booking', { booking_ref: '3' });
    expect(foreign).toMatchObject({ pnr: null, segments: [{ seq: null, booking_id: '3' }] });
    expect(foreign.events.map((e) => e.action)).toEqual(['refund_requested', 'refund_cancelled', 'refunded']);

    await expect(t.db.call('chain_events_for_booking', { booking_ref: 'nope!' })).rejects.toMatchObject({ status: 400, field: 'booking_ref' });
    await expect(t.db.call('chain_events_for_booking', { booking_ref: 'ZZZZZZ' })).rejects.toMatchObject({ status: 404, field: 'booking_ref' });
  });

  it('reports the escrow state of every segment next to the app status and flags mismatches', async () => {
    const r = await reconcileBookings(t.db);
    const states = Object.fromEntries((await t.db.call<{ booking_id: string; chain_state: string | null }[]>('chain_reconciliation', {}))
      .map((row) => [row.booking_id, row.chain_state]));
    expect(states).toEqual({
      [chainId('released')]: 'released', [chainId('refunded')]: 'refunded', [chainId('expired')]: 'expired',
      [chainId('two-legs', 1)]: 'released', [chainId('two-legs', 2)]: null,
      3: 'refunded', 4: 'refunded', 6: 'refunded', 7: 'refunded',
      // a quoted two-segment payment: 9 still in escrow, 10 settled by a cancellation (partial refund)
      9: 'paid', 10: 'refunded',
      // a sponsored payment (points paid part through the liability account), then cancelled
      11: 'refunded',
    });
    expect({ checked: r.checked, consistent: r.consistent }).toEqual({ checked: 12, consistent: 2 });
    const problems = Object.fromEntries(r.mismatches.map((m) => [m.booking_id, m.problem]));
    expect(problems).toEqual({
      3: 'unknown_booking', 4: 'unknown_booking', 6: 'unknown_booking', 7: 'unknown_booking', 9: 'unknown_booking', 10: 'unknown_booking',
      11: 'unknown_booking',
      [chainId('expired')]: 'status_mismatch',          // expired on chain (money returned), still paid in the app
      [chainId('two-legs', 1)]: 'status_mismatch',      // released to the airline on chain, refunded in the app
      [chainId('two-legs', 2)]: 'missing_on_chain',     // the booking's second flight never reached escrow
    });
    expect(r.mismatches.find((m) => m.booking_id === chainId('expired'))).toMatchObject({
      pnr: app.expired.pnr, segment_seq: 1, chain_state: 'expired', app_status: 'paid', last_ledger: 1027,
    });
  });

  it('takes the payment amount from the payment event', async () => {
    const rows = await t.db.call<{ booking_id: string; chain_amount: string | null }[]>('chain_reconciliation', {});
    expect(rows.find((row) => row.booking_id === chainId('released'))!.chain_amount).toBe('5000000000');
  });
});
