import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlDatabase } from '@/lib/db/open';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import { LiveHub } from '@/lib/live/hub';
import { userEventStream } from '@/lib/live/stream';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { SseReader } from '@/tests/support/sse';

// Live updates (lib/live): the per-user SSE stream woken by the outbox's NOTIFY — PGlite's own
// listen in process, LISTEN on a PostgreSQL server — with Last-Event-ID resume from the outbox.

const hubOver = async (db: SqlDatabase) => {
  const hub = new LiveHub(db, (wake) => db.sql.listen!('traqora_events', () => wake()));
  await hub.start();
  return hub;
};
const open = (hub: LiveHub, db: SqlDatabase, userId: string, after: number | null, heartbeatMs?: number) => {
  const abort = new AbortController();
  const reader = new SseReader(userEventStream({ hub, db, userId, after, signal: abort.signal, heartbeatMs }));
  return { reader, abort };
};
const parsed = (data: string) => JSON.parse(data) as { type: string; aggregate_type: string; data: Record<string, unknown> };

let t: TestDatabase;
let hub: LiveHub;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  hub = await hubOver(t.db);
});
afterAll(async () => { await hub?.stop(); await t?.close(); });

describe('the live stream', () => {
  it('sends a user their events as they commit, with ids, and nobody else\u2019s; heartbeats keep it open', async () => {
    const ann = await traveller(t, 'Stream Ann');
    const ben = await traveller(t, 'Stream Ben');
    await hub.wake();   // the hub has read their sign-up events: the streams start after them
    const a = open(hub, t.db, ann, null, 50);
    const b = open(hub, t.db, ben, null);
    const ready = await a.reader.next();
    expect(ready).toMatchObject({ event: 'ready', id: String(hub.head) });
    expect(a.reader.retry).toBe(3000);
    await b.reader.next();

    const { booking } = await book(t, ann, await nonstop(t, 'JFK', 'LHR'));
    const held = await a.reader.next();
    expect(parsed(held!.data)).toMatchObject({ type: 'booking.held', aggregate_type: 'booking', data: { pnr: booking.pnr, status: 'held' } });
    const [{ id }] = await t.sql<{ id: number }>("select id::int from traqora.domain_events where type = 'booking.held' and aggregate_id = $1", [booking.id]);
    expect(held!.id).toBe(String(id));
    // Ben hears only that seats moved on those flights: no booking, no PNR, no traveller
    const seats = await b.reader.next();
    expect(seats!.id).toBe(String(id));
    expect(parsed(seats!.data)).toEqual({ type: 'seats.changed', aggregate_type: 'flight', aggregate_id: String(booking.segments[0].flight_id),
      occurred_at: expect.any(String), data: { flight_ids: booking.segments.map((s) => s.flight_id) } });
    await expect(b.reader.next(300)).rejects.toThrow(/no SSE event/);
    await expect(a.reader.next(200)).rejects.toThrow(/no SSE event/);   // nothing more for Ann, only heartbeats
    expect(a.reader.comments).toContain('ping');

    a.abort.abort();
    b.abort.abort();
    expect(await a.reader.next()).toBeNull();
    expect(hub.connections).toBe(0);
  });

  it('a contract event indexed for a traveller\u2019s booking reaches their stream (the chain panel refreshes without polling)', async () => {
    const cleo = await traveller(t, 'Chain Cleo');
    const { booking } = await book(t, cleo, await nonstop(t, 'JFK', 'LHR'));
    await hub.wake();
    const c = open(hub, t.db, cleo, null);
    await c.reader.next();   // ready
    const [{ chain_id }] = await t.sql<{ chain_id: string }>('select traqora.chain_booking_id($1, 1) as chain_id', [booking.id]);
    const event = (i: number, bookingId: string) => ({ id: `0000004471060955137-000000000${i}`, ledger: 1042, closed_at: new Date().toISOString(),
      contract_id: `C${'A'.repeat(55)}`, contract: 'escrow', action: 'paid', event: 'BookingPaid', topics: [], value: null,
      fields: { booking_id: bookingId }, booking_id: bookingId, topic_xdr: [], value_xdr: 'AAAA', tx_hash: 'f'.repeat(64), successful: true });
    // one event about Cleo's booking, one about an id the app never issued
    await t.db.call('record_chain_events', { stream: 'live-test', events: [event(1, chain_id), event(2, '7')], cursor: event(2, '7').id, last_ledger: 1042, latest_ledger: 1042 });
    const got = await c.reader.next();
    expect(parsed(got!.data)).toMatchObject({ type: 'chain.event_indexed', data: { pnr: booking.pnr, user_id: cleo, chain_booking_id: chain_id } });
    await expect(c.reader.next(300)).rejects.toThrow(/no SSE event/);
    c.abort.abort();
  });

  it('resumes after Last-Event-ID with nothing lost or repeated, then goes live', async () => {
    const cy = await traveller(t, 'Resume Cy');
    await hub.wake();
    const first = open(hub, t.db, cy, null);
    const ready = await first.reader.next();
    const { booking } = await book(t, cy, await nonstop(t, 'JFK', 'LHR'));
    const seen = await first.reader.next();
    first.abort.abort();   // the connection drops (a server restart, a tunnel)

    // while away: paid (two events), then cancelled
    await t.db.call('pay_booking', { user_id: cy, pnr: booking.pnr, demo_funding_minor: 5_000_000 });
    const quote = await t.db.call<{ id: string }>('quote_cancellation', { user_id: cy, pnr: booking.pnr });
    expect(ready!.id).toBeDefined();
    const again = open(hub, t.db, cy, Number(seen!.id));
    expect(await again.reader.next()).toMatchObject({ event: 'ready' });
    const replayed = await again.reader.until((m) => parsed(m.data).type === 'booking.cancellation_quoted');
    expect(replayed.map((m) => parsed(m.data).type)).toEqual(['payment.confirmed', 'booking.paid', 'booking.cancellation_quoted']);
    expect(replayed.map((m) => Number(m.id))).toEqual([...replayed.map((m) => Number(m.id))].sort((x, y) => x - y));
    expect(Number(replayed[0].id)).toBeGreaterThan(Number(seen!.id));

    await t.db.call('confirm_cancellation', { user_id: cy, pnr: booking.pnr, quote_id: quote.id });
    const live = await again.reader.until((m) => parsed(m.data).type === 'booking.refunded');
    expect(live.map((m) => parsed(m.data).type)).toEqual(['booking.cancelled', 'booking.refunded']);
    again.abort.abort();
  });
});

describe.skipIf(process.env.DB_TARGET !== 'postgres')('across instances on one PostgreSQL server', () => {
  it('an event committed through one instance reaches a stream on another, and survives a lost LISTEN connection', async () => {
    const other = await openSqlDatabase({ driver: 'postgres', connectionString: t.connectionString, poolSize: 2 });
    const otherHub = await hubOver(other);
    try {
      const dee = await traveller(t, 'Cross Dee');
      await otherHub.wake();
      const s = open(otherHub, other, dee, null);
      await s.reader.next();
      const { booking } = await book(t, dee, await nonstop(t, 'JFK', 'LHR'));   // through the first instance's pool
      expect(parsed((await s.reader.next(3_000))!.data)).toMatchObject({ type: 'booking.held', data: { pnr: booking.pnr } });

      // the listening backend is killed: the instance reconnects and reads what it missed
      await t.sql("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%' and pid <> pg_backend_pid()");
      await t.db.call('pay_booking', { user_id: dee, pnr: booking.pnr, demo_funding_minor: 5_000_000 });
      const after = await s.reader.until((m) => parsed(m.data).type === 'booking.paid', 8_000);
      expect(after.map((m) => parsed(m.data).type)).toEqual(['payment.confirmed', 'booking.paid']);
      s.abort.abort();
    } finally {
      await otherHub.stop();
      await other.close();
    }
  });
});
