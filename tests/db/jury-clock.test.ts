import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, WalletHistory } from '@/lib/bookings/types';
import type { JuryClockRun } from '@/lib/disputes/clock';
import { voteCommitment } from '@/lib/disputes/commitment';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { PNG, file, jurors, staff, staffCtx } from '@/tests/support/dispute-fixtures';
import { DAY, advance } from '@/tests/support/governance-fixtures';
import { paidBooking } from '@/tests/support/loyalty-fixtures';

// The jury clock (public.jury_clock, the `jury-clock` job): a case escalated to the jury reaches
// a paid verdict with nobody pressing a button; each step happens once however many runs race
// for it (PostgreSQL with DB_TARGET=postgres); support's buttons still work as overrides.

let t: TestDatabase;
let support: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 20 });
  support = await staff(t, 'support', 'Clock desk');
  await t.db.call('set_governed_parameter', { key: 'disputes.jury_size', value: 3, actor: null, source: 'admin' });
  await jurors(t, 10, 'Clock pool');
});
afterAll(async () => { await t?.close(); });
afterEach(async () => {
  expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
  expect(await t.db.call('jury_pool_check')).toMatchObject({ ok: true });
});

type Dispute = {
  id: string; status: string; booking_status: string;
  resolution: { refund_minor: number; source: string } | null;
  rounds: { round: number; drawn_at: string | null; reveal_opened_at: string | null; tallied_at: string | null; winning_option: number | null;
            seats: { juror: string }[] }[];
};

const clock = () => t.db.call<JuryClockRun>('jury_clock', { limit: 50 });
const get = (id: string) => t.db.call<Dispute>('get_dispute', { user_id: support, id, admin: true });
const wallet = async (user: string) => (await t.db.call<WalletHistory>('wallet_history', { user_id: user })).balance_minor;
const events = (type: string, id: string) =>
  t.sql<{ payload: Record<string, unknown> }>('select payload from traqora.domain_events where type = $1 and aggregate_id = $2 order by id', [type, id]);

const PAYER = 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H';
let n = 0;
/** A paid booking disputed and escalated by support; the draw is left to the clock. */
async function escalated(): Promise<{ user: string; booking: Booking; id: string }> {
  const user = await traveller(t, `Clocked ${++n}`);
  const routes: [string, string][] = [['JFK', 'LHR'], ['LHR', 'JFK'], ['LAX', 'JFK']];
  const booking = await paidBooking(t, user, await nonstop(t, ...routes[n % routes.length]), 'basic');
  const d = await t.db.call<{ id: string }>('open_dispute', { user_id: user, pnr: booking.pnr, reason: 'The airline denied boarding without a reason.', files: [file('gate.png', PNG)] });
  await t.db.call('escalate_dispute', { ctx: staffCtx(support, 'support', 'For the jury'), id: d.id });
  return { user, booking, id: d.id };
}

/** Every juror of the dispute's latest round commits and reveals `option` (full refund: 0). */
async function voteAll(id: string, option = 0) {
  const d = await get(id);
  const round = d.rounds.at(-1)!;
  const salts = new Map<string, string>();
  for (const { juror } of round.seats) {
    const salt = randomBytes(32).toString('hex');
    salts.set(juror, salt);
    await t.db.call('jury_commit', { user_id: juror, dispute_id: id, commitment: await voteCommitment(round.round, option, salt, juror) });
  }
  return async () => {
    for (const [juror, salt] of salts) await t.db.call('jury_reveal', { user_id: juror, dispute_id: id, option, salt });
  };
}

describe('the jury clock', () => {
  it('takes an escalated case to a paid verdict with nobody pressing a button, and a re-run does nothing', async () => {
    const { user, booking, id } = await escalated();
    expect((await get(id)).rounds[0].drawn_at).toBeNull();

    expect(await clock()).toMatchObject({ drawn: 1, tallied: 0, executed: 0, failed: 0 });
    const drawn = await get(id);
    expect(drawn.rounds[0].seats).toHaveLength(3);
    expect(await clock()).toMatchObject({ drawn: 0, reveal_opened: 0, tallied: 0, executed: 0 });

    const reveal = await voteAll(id);
    await advance(t, 2 * DAY + 1);                  // the commit window closes
    expect(await clock()).toMatchObject({ reveal_opened: 1, tallied: 0 });
    const [opened] = await events('jury.reveal_opened', id);
    expect(opened.payload).toMatchObject({ dispute_id: id, round: 1, jurors: drawn.rounds[0].seats.map((s) => s.juror) });
    expect(await clock()).toMatchObject({ reveal_opened: 0 });   // told once

    await reveal();
    await advance(t, DAY + 1);                      // the reveal window closes
    expect(await clock()).toMatchObject({ tallied: 1, executed: 0 });   // the appeal window is open
    expect((await get(id)).rounds[0]).toMatchObject({ winning_option: 0 });
    const [audit] = await t.sql<{ actor: string | null; request_id: string }>("select actor, request_id from traqora.audit_log where action = 'jury.tallied' and resource_id = $1", [id]);
    expect(audit).toEqual({ actor: null, request_id: 'jury-clock' });

    await advance(t, 2 * DAY + 1);                  // the appeal window closes
    const before = await wallet(user);
    expect(await clock()).toMatchObject({ executed: 1, failed: 0 });
    expect(await get(id)).toMatchObject({ status: 'resolved', booking_status: 'refunded', resolution: { source: 'jury', refund_minor: booking.price.total_minor } });
    expect(await wallet(user)).toBe(before + booking.price.total_minor);
    expect(await clock()).toMatchObject({ drawn: 0, reveal_opened: 0, tallied: 0, executed: 0, failed: 0 });
  });

  it('10 concurrent runs draw, tally and pay each case exactly once', async () => {
    const cases = [await escalated(), await escalated(), await escalated()];
    const race = async () => (await Promise.all(Array.from({ length: 10 }, clock)))
      .reduce((sum, r) => ({ drawn: sum.drawn + r.drawn, tallied: sum.tallied + r.tallied, executed: sum.executed + r.executed, failed: sum.failed + r.failed }),
        { drawn: 0, tallied: 0, executed: 0, failed: 0 });

    expect(await race()).toEqual({ drawn: 3, tallied: 0, executed: 0, failed: 0 });
    const reveals = [];
    for (const c of cases) reveals.push(await voteAll(c.id));
    await advance(t, 2 * DAY + 1);
    await clock();
    for (const r of reveals) await r();
    await advance(t, DAY + 1);
    expect(await race()).toEqual({ drawn: 0, tallied: 3, executed: 0, failed: 0 });
    await advance(t, 2 * DAY + 1);
    const before = await Promise.all(cases.map((c) => wallet(c.user)));
    expect(await race()).toEqual({ drawn: 0, tallied: 0, executed: 3, failed: 0 });

    for (const [i, c] of cases.entries()) {
      expect(await events('jury.drawn', c.id)).toHaveLength(1);
      expect(await events('jury.tallied', c.id)).toHaveLength(1);
      expect(await events('dispute.resolved', c.id)).toHaveLength(1);
      expect(await wallet(c.user)).toBe(before[i] + c.booking.price.total_minor);   // refunded once
    }
  });

  it('on a booking paid on chain, the verdict queues the escrow settlement; its confirmation is recorded and audited on the dispute', async () => {
    const user = await traveller(t, `Clocked chain ${++n}`);
    const { booking } = await book(t, user, await nonstop(t, 'JFK', 'LHR'));
    const tx = 'c'.repeat(63) + String(n % 10);
    await t.db.call('record_chain_payment', { user_id: user, pnr: booking.pnr, tx_hash: tx, payer: PAYER });
    await t.db.call('confirm_chain_payment', { tx_hash: tx, ledger: 4242, closed_at: new Date().toISOString(), payer: PAYER });
    const d = await t.db.call<{ id: string; held_minor: number }>('open_dispute', { user_id: user, pnr: booking.pnr, reason: 'The airline denied boarding without a reason.', files: [] });
    const held = d.held_minor;
    const refund = Math.floor(held * 0.6);
    // an app fee on a soroban split is refused: the escrow takes its own
    await expect(t.db.call('escalate_dispute', { ctx: staffCtx(support, 'support'), id: d.id, refund_minor: refund, airline_minor: held - refund - 1, fee_minor: 1 }))
      .rejects.toMatchObject({ status: 422, field: 'fee_minor' });
    await t.db.call('escalate_dispute', { ctx: staffCtx(support, 'support'), id: d.id, refund_minor: refund, airline_minor: held - refund, fee_minor: 0 });
    await clock();
    const reveal = await voteAll(d.id, 2);
    await advance(t, 2 * DAY + 1);
    await reveal();
    await advance(t, DAY + 1);
    expect(await clock()).toMatchObject({ tallied: 1 });
    await advance(t, 2 * DAY + 1);
    expect(await clock()).toMatchObject({ executed: 1, failed: 0 });
    expect(await get(d.id)).toMatchObject({ status: 'resolved', resolution: { refund_minor: refund, airline_minor: held - refund, fee_minor: 0 } });
    const [row] = await t.sql<{ id: number; kind: string; refund_minor: number; status: string }>(
      'select id, kind, refund_minor::int, status from traqora.chain_settlements where booking_id = $1', [booking.id]);
    expect(row).toMatchObject({ kind: 'cancellation', refund_minor: refund, status: 'pending' });

    const moved = { event: 'CancellationSettled', refund: String(refund * 100_000), to_airline: '1', fee: '2' };
    await t.db.call('mark_chain_settlement', { id: row.id, status: 'confirmed', tx_hash: 'e'.repeat(64), moved });
    await t.db.call('mark_chain_settlement', { id: row.id, status: 'confirmed', tx_hash: 'e'.repeat(64), moved });   // again: nothing new
    expect((await get(d.id) as unknown as { chain_settlements: unknown[] }).chain_settlements)
      .toEqual([expect.objectContaining({ status: 'confirmed', tx_hash: 'e'.repeat(64), moved })]);
    const audits = await t.sql<{ action: string; actor: string | null; after: Record<string, unknown> }>(
      "select action, actor, after from traqora.audit_log where resource_type = 'dispute' and resource_id = $1 and action like 'dispute.settle%'", [d.id]);
    expect(audits).toEqual([{ action: 'dispute.settled_on_chain', actor: null, after: expect.objectContaining({ settlement_id: row.id, moved }) }]);
    const [event] = await t.sql<{ payload: { moved: unknown } }>("select payload from traqora.domain_events where type = 'settlement.confirmed' and aggregate_id = $1", [String(row.id)]);
    expect(event.payload.moved).toEqual(moved);
  });

  it('support may still press the buttons first; the clock then leaves the case alone', async () => {
    const { id } = await escalated();
    await t.db.call('draw_jury', { dispute_id: id });                 // support's escalation draws at once
    expect(await clock()).toMatchObject({ drawn: 0 });
    const reveal = await voteAll(id, 1);
    await advance(t, 2 * DAY + 1);
    await reveal();
    await advance(t, DAY + 1);
    await t.db.call('jury_tally', { ctx: staffCtx(support, 'support'), dispute_id: id });
    expect(await clock()).toMatchObject({ tallied: 0, executed: 0 });
    await advance(t, 2 * DAY + 1);
    await t.db.call('execute_dispute_verdict', { ctx: staffCtx(support, 'support'), dispute_id: id });
    expect(await clock()).toMatchObject({ executed: 0, failed: 0 });
    expect(await get(id)).toMatchObject({ status: 'resolved', resolution: { source: 'jury', refund_minor: 0 } });
    const audits = await t.sql<{ action: string; actor: string | null }>("select action, actor from traqora.audit_log where resource_id = $1 and action in ('jury.tallied', 'dispute.resolved') order by id", [id]);
    expect(audits).toEqual([{ action: 'jury.tallied', actor: support }, { action: 'dispute.resolved', actor: support }]);
  });
});
