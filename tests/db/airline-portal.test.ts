import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, WalletHistory } from '@/lib/bookings/types';
import type { Itinerary } from '@/lib/flights/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { flyAndRelease, paidBooking } from '@/tests/support/loyalty-fixtures';

// The airline portal's reads (supabase/routines/37_airline_portal.sql) stay inside the airline
// asked about; disruption refunds (65_disruptions.sql) pay at once up to the governed threshold
// and go to the review queue above it; a failed settlement is retried once, audited.

let t: TestDatabase;
const staff: Record<string, string> = {};
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 25 });
  for (const [key, role] of [['ops', 'ops'], ['finance', 'finance'], ['admin', 'admin']] as const) {
    staff[key] = (await t.db.call<{ id: string }>('upsert_dev_persona', { role, name: `Portal ${key}` })).id;
  }
});
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true); });

const ctx = (who: string, reason: string | null = 'Four-hour delay, missed the wedding') =>
  ({ actor: staff[who], role: who, reason, ip: null, request_id: `portal-${who}` });
const airlineOf = async (it: Itinerary) =>
  (await t.sql<{ airline: string }>('select airline from traqora.flights where id = $1', [it.flight_ids[0]]))[0].airline;
const wallet = async (user: string) => (await t.db.call<WalletHistory>('wallet_history', { user_id: user })).balance_minor;

interface Row { pnr: string; flight: string; flight_id: number; share_minor: number; status: string; lead_passenger: string }
type Page = { data: Row[]; next: Record<string, unknown> | null };

let n = 0;
async function paidOn(from: string, to: string): Promise<{ user: string; booking: Booking; it: Itinerary; airline: string }> {
  const user = await traveller(t, `Portal traveller ${++n}`);
  const it = await nonstop(t, from, to);
  return { user, booking: await paidBooking(t, user, it), it, airline: await airlineOf(it) };
}

describe('airline portal reads', () => {
  it('lists only the airline’s own booked segments, keyset-paged, filtered, and nobody else’s', async () => {
    const a = await paidOn('JFK', 'LHR');
    const a2 = await paidOn('JFK', 'LHR');
    let other = await paidOn('LAX', 'JFK');
    for (const [f, d] of [['LHR', 'JFK'], ['SFO', 'JFK'], ['JFK', 'LAX']] as const) {
      if (other.airline !== a.airline) break;
      other = await paidOn(f, d);
    }
    expect(other.airline).not.toBe(a.airline);

    const all: Row[] = [];
    let after: Record<string, unknown> | null = null;
    do {
      const page: Page = await t.db.call<Page>('airline_bookings', { airline: a.airline.toLowerCase(), filter: {}, after, limit: 1 });
      expect(page.data.length).toBeLessThanOrEqual(1);
      all.push(...page.data);
      after = page.next;
    } while (after);
    const pnrs = all.map((r) => r.pnr);
    expect(pnrs).toEqual(expect.arrayContaining([a.booking.pnr, a2.booking.pnr]));
    expect(pnrs).not.toContain(other.booking.pnr);
    expect(new Set(all.map((r) => r.flight.slice(0, 2)))).toEqual(new Set([a.airline]));
    expect(all.find((r) => r.pnr === a.booking.pnr)).toMatchObject({ status: 'paid', share_minor: a.booking.price.total_minor, lead_passenger: 'Adaa Lovelace' });

    // the other airline's booking is not found through this airline's filters either
    const byPnr = await t.db.call<Page>('airline_bookings', { airline: a.airline, filter: { q: other.booking.pnr }, after: null, limit: 50 });
    expect(byPnr.data).toEqual([]);
    const mine = await t.db.call<Page>('airline_bookings', { airline: a.airline, filter: { q: a.booking.pnr.toLowerCase(), status: 'paid' }, after: null, limit: 50 });
    expect(mine.data.map((r) => r.pnr)).toEqual([a.booking.pnr]);
    const held = await t.db.call<Page>('airline_bookings', { airline: a.airline, filter: { status: 'held' }, after: null, limit: 50 });
    expect(held.data.map((r) => r.pnr)).not.toContain(a.booking.pnr);

    await expect(t.db.call('airline_bookings', { airline: 'ZZ', filter: {}, after: null, limit: 5 })).rejects.toMatchObject({ status: 404, field: 'iata' });
    await expect(t.db.call('airline_bookings', { airline: a.airline, filter: { status: 'lost' }, after: null, limit: 5 })).rejects.toMatchObject({ status: 400, field: 'status' });
  });

  it('payouts: held in escrow until release, then released to the airline’s ledger account; pending on-chain settlements are its own', async () => {
    const a = await paidOn('JFK', 'LHR');
    const before = await t.db.call<{ held_minor: number; released_minor: number }>('airline_payouts', { airline: a.airline, limit: 10 });
    expect(before.held_minor).toBeGreaterThanOrEqual(a.booking.price.total_minor);
    const releasedAt = (await t.sql<{ now: Date }>('select clock_timestamp() as now'))[0].now;
    await flyAndRelease(t, a.it);   // releases every paid booking on that flight, this one among them
    const after = await t.db.call<{ held_minor: number; released_minor: number; released: { pnr: string; kind: string; amount_minor: number; at: string }[] }>(
      'airline_payouts', { airline: a.airline, limit: 200 });
    expect(after.held_minor).toBeLessThanOrEqual(before.held_minor - a.booking.price.total_minor);
    const release = after.released.find((r) => r.pnr === a.booking.pnr);
    expect(release).toMatchObject({ kind: 'release' });
    const fresh = after.released.filter((r) => new Date(r.at) >= releasedAt);
    expect(after.released_minor - before.released_minor).toBe(fresh.reduce((sum, r) => sum + r.amount_minor, 0));
    expect(release!.amount_minor).toBeGreaterThan(0);
    expect(release!.amount_minor).toBeLessThanOrEqual(a.booking.price.total_minor);   // the platform fee stays with the platform
  });

  it('payouts: the released list pages newest first with no repeat and no gap while flights are released', async () => {
    // the next unflown JFK–LHR flight of one airline, paid and then flown and released: one release row for it
    const releaseOne = async (airline: string) => {
      for (let d = 7; d < 14; d++) {
        const day = new Date(Date.now() + d * 864e5).toISOString().slice(0, 10);
        const found = (await t.db.call<Itinerary[]>('search_itineraries', { origin: 'JFK', destination: 'LHR', date_from: day, date_to: day,
          cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 0 }));
        for (const it of found) {
          if (await airlineOf(it) !== airline) continue;
          await paidBooking(t, await traveller(t, `Payee ${++n}`), it);
          await flyAndRelease(t, it);
          return;
        }
      }
      throw new Error(`no unflown ${airline} flight left`);
    };
    const airline = await airlineOf(await nonstop(t, 'JFK', 'LHR'));
    for (let i = 0; i < 3; i++) await releaseOne(airline);
    type Payouts = { released: { rail: string; id: number; pnr: string | null; at: string }[]; released_next: Record<string, unknown> | null };
    const before = (await t.db.call<Payouts>('airline_payouts', { airline, limit: 200 })).released.map((r) => `${r.rail}-${r.id}`);
    expect(before.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let after: Payouts['released_next'] = null;
    let pages = 0;
    do {
      const page: Payouts = await t.db.call('airline_payouts', { airline, limit: 1, after });
      seen.push(...page.released.map((r) => `${r.rail}-${r.id}`));
      after = page.released_next;
      if (pages++ < 2) await releaseOne(airline);          // new releases land above the first page
    } while (after && pages < 100);
    expect(seen).toEqual(before);
    const fresh = (await t.db.call<Payouts>('airline_payouts', { airline, limit: 200 })).released.map((r) => `${r.rail}-${r.id}`);
    expect(fresh.length).toBeGreaterThanOrEqual(before.length + 2);   // a release pays every paid booking on the flight
    expect(fresh.slice(fresh.length - before.length)).toEqual(before);
  });

  it('payout account reads the airline’s own address or null', async () => {
    await t.sql("insert into traqora.airline_payout_accounts (airline, address) values ('BA', $1) on conflict (airline) do update set address = excluded.address", ['G' + 'A'.repeat(55)]);
    expect(await t.db.call('airline_payout_account', { airline: 'ba' })).toMatchObject({ airline: 'BA', address: 'G' + 'A'.repeat(55) });
    expect(await t.db.call('airline_payout_account', { airline: 'DL' })).toMatchObject({ airline: 'DL', address: null });
  });
});

describe('disruption refunds', () => {
  async function delayed(from: string, to: string) {
    const p = await paidOn(from, to);
    const [f] = await t.sql<{ d: Date }>('select departs_at as d from traqora.flights where id = $1', [p.it.flight_ids[0]]);
    await t.db.call('admin_set_flight_status', { ctx: ctx('ops', 'Late inbound aircraft'), flight_id: p.it.flight_ids[0], status: 'delayed',
      departs_at: new Date(f.d.getTime() + 90 * 60_000).toISOString(), arrives_at: null });
    return p;
  }
  const refund = (who: string, flightId: number, pnr: string, amount: number) =>
    t.db.call<{ outcome: string; refund_minor: number; threshold_minor: number; request: { id: string; kind: string; status: string } | null }>(
      'disruption_refund', { ctx: ctx(who), flight_id: flightId, pnr, refund_minor: amount });
  const threshold = async () => Number((await t.sql<{ v: string }>("select value as v from traqora.governed_parameters where key = 'disruption.refund_review_threshold_minor'"))[0].v);

  it('at or below the governed threshold pays at once, audited, booking refunded', async () => {
    const p = await delayed('JFK', 'LHR');
    const limit = await threshold();
    expect(limit).toBe(20000);
    const amount = Math.min(limit, p.booking.price.total_minor);
    const before = await wallet(p.user);
    const out = await refund('ops', p.it.flight_ids[0], p.booking.pnr, amount);
    expect(out).toMatchObject({ outcome: 'refunded', refund_minor: amount, threshold_minor: limit, request: null });
    expect(await wallet(p.user)).toBe(before + amount);
    const b = await t.db.call<Booking>('get_booking', { user_id: p.user, pnr: p.booking.pnr });
    expect(b).toMatchObject({ status: 'refunded', refund_minor: amount, escrow_balance_minor: 0 });
    const audit = await t.sql<{ action: string; actor: string }>("select action, actor from traqora.audit_log where resource_type = 'booking' and resource_id = $1", [p.booking.pnr]);
    expect(audit).toEqual([{ action: 'booking.disruption_refunded', actor: staff.ops }]);
    const events = await t.sql<{ type: string; cause: string }>("select type, payload ->> 'cause' as cause from traqora.domain_events where aggregate_id = $1 order by id desc limit 2", [p.booking.id]);
    expect(events).toEqual([{ type: 'booking.refunded', cause: 'disruption_refund' }, { type: 'booking.cancelled', cause: 'disruption_refund' }]);
    // a second refund of the same booking finds nothing left in escrow
    await expect(refund('ops', p.it.flight_ids[0], p.booking.pnr, 100)).rejects.toMatchObject({ status: 409, field: 'pnr' });
  });

  it('above the threshold becomes a disruption refund request; no money moves until a different user approves', async () => {
    const p = await delayed('LHR', 'JFK');
    await t.db.call('set_governed_parameter', { key: 'disruption.refund_review_threshold_minor', value: 1000, actor: staff.admin, source: 'admin', source_ref: null });
    try {
      const before = await wallet(p.user);
      const out = await refund('ops', p.it.flight_ids[0], p.booking.pnr, 1001);
      expect(out).toMatchObject({ outcome: 'review', threshold_minor: 1000, request: { kind: 'disruption', status: 'pending' } });
      expect(await wallet(p.user)).toBe(before);
      expect((await t.db.call<Booking>('get_booking', { user_id: p.user, pnr: p.booking.pnr })).status).toBe('paid');
      // while the request waits, a small direct refund is refused too (one decision at a time)
      await expect(refund('ops', p.it.flight_ids[0], p.booking.pnr, 500)).rejects.toMatchObject({ status: 409 });
      await t.db.call('decide_refund', { ctx: ctx('finance', null), request_id: out.request!.id, decision: 'approve' });
      expect(await wallet(p.user)).toBe(before + 1001);
    } finally {
      await t.db.call('set_governed_parameter', { key: 'disruption.refund_review_threshold_minor', value: 20000, actor: staff.admin, source: 'admin', source_ref: null });
    }
  });

  it('20 concurrent disruption refunds of one booking pay once; the rest are 409', async () => {
    const p = await delayed('SFO', 'JFK');
    const before = await wallet(p.user);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => refund('ops', p.it.flight_ids[0], p.booking.pnr, 2500)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409 });
    expect(await wallet(p.user)).toBe(before + 2500);
    const [a] = await t.sql<{ n: number }>("select count(*)::int as n from traqora.audit_log where action = 'booking.disruption_refunded' and resource_id = $1", [p.booking.pnr]);
    expect(a.n).toBe(1);
  });

  it('refuses a flight that is not delayed, a booking not on it, and bad amounts, writing nothing', async () => {
    const p = await paidOn('LAX', 'JFK');
    const audits = async () => (await t.sql<{ n: number }>('select count(*)::int as n from traqora.audit_log'))[0].n;
    const before = await audits();
    await expect(refund('ops', p.it.flight_ids[0], p.booking.pnr, 100)).rejects.toMatchObject({ status: 409, field: 'id' });
    const d = await delayed('JFK', 'LHR');
    const base = await audits();
    await expect(refund('ops', d.it.flight_ids[0], p.booking.pnr, 100)).rejects.toMatchObject({ status: 404, field: 'pnr' });
    await expect(refund('ops', d.it.flight_ids[0], d.booking.pnr, 0)).rejects.toMatchObject({ status: 422, field: 'refund_minor' });
    await expect(refund('ops', d.it.flight_ids[0], d.booking.pnr, d.booking.price.total_minor + 1)).rejects.toMatchObject({ status: 422, field: 'refund_minor' });
    await expect(t.db.call('disruption_refund', { ctx: ctx('ops', ''), flight_id: d.it.flight_ids[0], pnr: d.booking.pnr, refund_minor: 100 }))
      .rejects.toMatchObject({ status: 400, field: 'reason' });
    expect(await audits()).toBe(base);
    expect(base - before).toBe(1);   // only the delay itself
  });
});

describe('settlement retry', () => {
  it('puts a failed settlement back in the outbox once, audited; anything else is 409', async () => {
    const p = await paidOn('JFK', 'LHR');
    await t.sql("update traqora.bookings set payment_rail = 'soroban' where id = $1", [p.booking.id]);
    await t.sql("insert into traqora.chain_settlements (booking_id, seq, chain_booking_id, kind, status, attempts, error) values ($1, 1, '123456', 'release', 'failed', 3, 'tx_bad_seq')", [p.booking.id]);
    const page = await t.db.call<{ data: { id: number; pnr: string; status: string; airline: string }[]; counts: Record<string, number> }>(
      'admin_chain_settlements', { status: 'failed', before_id: null, limit: 10 });
    const row = page.data.find((r) => r.pnr === p.booking.pnr)!;
    expect(row).toMatchObject({ status: 'failed', airline: p.airline });
    expect(page.counts.failed).toBeGreaterThanOrEqual(1);

    const pending = await t.db.call<{ pending: { id: number; status: string }[]; pending_minor: number }>('airline_payouts', { airline: p.airline, limit: 50 });
    expect(pending.pending.map((r) => r.id)).toContain(row.id);

    const retried = await t.db.call<{ status: string; attempts: number; error: string | null }>('admin_retry_chain_settlement', { ctx: ctx('finance', 'RPC was down'), id: row.id });
    expect(retried).toMatchObject({ status: 'pending', attempts: 3, error: null });
    await expect(t.db.call('admin_retry_chain_settlement', { ctx: ctx('finance', 'again'), id: row.id })).rejects.toMatchObject({ status: 409, field: 'id' });
    await expect(t.db.call('admin_retry_chain_settlement', { ctx: ctx('finance', 'again'), id: 987654321 })).rejects.toMatchObject({ status: 404 });
    const audit = await t.sql<{ action: string; before: unknown; after: unknown }>(
      "select action, before, after from traqora.audit_log where resource_type = 'settlement' and resource_id = $1", [String(row.id)]);
    expect(audit).toEqual([{ action: 'settlement.retried', before: { status: 'failed', attempts: 3 }, after: { status: 'pending', attempts: 3 } }]);
    // the signer's queue has it again
    const open = await t.db.call<{ id: number }[]>('open_chain_settlements', { limit: 200 });
    expect(open.map((o) => o.id)).toContain(row.id);
  });
});

describe('settlements on the money page', () => {
  it('shows what the escrow’s event says a confirmed settlement moved, and nothing before confirmation', async () => {
    const p = await paidOn('JFK', 'LHR');
    await t.sql("update traqora.bookings set payment_rail = 'soroban' where id = $1", [p.booking.id]);
    const [{ id }] = await t.sql<{ id: number }>(
      "insert into traqora.chain_settlements (booking_id, seq, chain_booking_id, kind, status, refund_minor) values ($1, 1, '777001', 'cancellation', 'pending', 2500) returning id", [p.booking.id]);
    const read = async (status: string) => (await t.db.call<{ data: { id: number; moved: unknown }[] }>(
      'admin_chain_settlements', { status, before_id: null, limit: 200 })).data.find((r) => r.id === id);
    expect(await read('pending')).toMatchObject({ moved: null });
    const moved = { event: 'CancellationSettled', refund: '250000000', to_airline: '412345678', fee: '4165432' };
    await t.db.call('mark_chain_settlement', { id, status: 'submitted', tx_hash: 'ab'.repeat(32), error: null, moved: null });
    expect(await read('submitted')).toMatchObject({ moved: null });
    await t.db.call('mark_chain_settlement', { id, status: 'confirmed', tx_hash: 'ab'.repeat(32), error: null, moved });
    expect(await read('confirmed')).toMatchObject({ id, status: 'confirmed', refund_minor: 2500, moved });
  });
});

describe('multisig proposals from indexed events', () => {
  it('lists open proposals with their approvals; executed and expired ones drop out', async () => {
    const contract = 'C' + 'M'.repeat(55);
    const signer = (c: string) => 'G' + c.repeat(55);
    let n = 0;
    const event = (action: string, ledger: number, fields: Record<string, unknown>) => t.sql(
      `insert into traqora.chain_events (id, stream, ledger, closed_at, contract_id, contract, action, event, topics, value, fields, topic_xdr, value_xdr, tx_hash, successful)
       values ($1, 'traqora', $2, now(), $3, 'multisig', $4, null, '[]', null, $5, '{}', '', $6, true)`,
      [`${ledger}000-${++n}`, ledger, contract, action, JSON.stringify(fields), (n.toString(16) + 'a'.repeat(64)).slice(0, 64)]);
    const later = Math.floor(Date.now() / 1000) + 86_400;
    await event('signers_changed', 10, { signers: [signer('A'), signer('B'), signer('C')], threshold: 2 });
    await event('proposed', 11, { proposal_id: '7', proposer: signer('A'), action: ['SetThreshold', 3], expires_at: String(later) });
    await event('approved', 11, { proposal_id: '7', signer: signer('A'), approvals: 1 });
    await event('proposed', 12, { proposal_id: '8', proposer: signer('B'), action: ['Invoke', { contract, function: 'pause', args: [] }], expires_at: String(later) });
    await event('approved', 12, { proposal_id: '8', signer: signer('B'), approvals: 1 });
    await event('approved', 13, { proposal_id: '8', signer: signer('C'), approvals: 2 });
    await event('proposed', 14, { proposal_id: '9', proposer: signer('C'), action: ['AddSigner', signer('D')], expires_at: String(later) });
    await event('approved', 14, { proposal_id: '9', signer: signer('C'), approvals: 1 });
    await event('approved', 15, { proposal_id: '9', signer: signer('A'), approvals: 2 });
    await event('executed', 16, { proposal_id: '9', executor: signer('A') });
    await event('proposed', 17, { proposal_id: '10', proposer: signer('A'), action: ['SetThreshold', 1], expires_at: String(Math.floor(Date.now() / 1000) - 60) });

    const out = await t.db.call<{ threshold: number; signers: string[]; proposals: { id: string; approvals: number; approved_by: string[]; executable: boolean; action: unknown }[] }>('admin_multisig_proposals', {});
    expect(out.threshold).toBe(2);
    expect(out.signers).toHaveLength(3);
    expect(out.proposals.map((p) => p.id)).toEqual(['8', '7']);
    expect(out.proposals[0]).toMatchObject({ approvals: 2, executable: true, action: ['Invoke', { function: 'pause' }] });
    expect(out.proposals[0].approved_by.sort()).toEqual([signer('B'), signer('C')]);
    expect(out.proposals[1]).toMatchObject({ approvals: 1, executable: false, approved_by: [signer('A')] });
  });
});
