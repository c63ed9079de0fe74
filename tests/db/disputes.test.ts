import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, WalletHistory } from '@/lib/bookings/types';
import { voteCommitment } from '@/lib/disputes/commitment';
import { drawJury, seedCommitment } from '@/lib/disputes/draw';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { JPEG, PDF, PNG, file, jurors, staff, staffCtx } from '@/tests/support/dispute-fixtures';
import { DAY, TRQ, account, advance } from '@/tests/support/governance-fixtures';
import { flyAndRelease, paidBooking } from '@/tests/support/loyalty-fixtures';

// Disputes (supabase/routines/67_disputes.sql) and the jury (68_jury.sql): evidence judged by
// its bytes, the frozen escrow, support's split, and the jury from draw to paid verdict.

let t: TestDatabase;
let support: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 20 });
  support = await staff(t, 'support', 'Dispute desk');
  // a small jury keeps the suite quick; the bounds allow 3
  await t.db.call('set_governed_parameter', { key: 'disputes.jury_size', value: 3, actor: null, source: 'admin' });
  await t.db.call('set_governed_parameter', { key: 'disputes.appeal_jury_size', value: 4, actor: null, source: 'admin' });
  await jurors(t, 10, 'Pool');
});
afterAll(async () => { await t?.close(); });
afterEach(async () => {
  expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
  expect(await t.db.call('trq_balance_check')).toMatchObject({ ok: true });
  expect(await t.db.call('jury_pool_check')).toMatchObject({ ok: true });
});

type Dispute = {
  id: string; status: string; held_minor: number; booking_status: string; pnr: string;
  evidence: { id: string; content_type: string; size_bytes: number }[];
  resolution: { refund_minor: number; airline_minor: number; fee_minor: number; source: string } | null;
  rounds: { round: number; seed_hash: string; seed: string | null; candidates: { user_id: string; weight: string }[]; jury_size: number;
            options: { refund_minor: number; airline_minor: number; fee_minor: number }[]; winning_option: number | null;
            seats: { juror: string; outcome: string | null; reward: string; slashed: string }[] }[];
};

let n = 0;
async function paid(): Promise<{ user: string; booking: Booking }> {
  const user = await traveller(t, `Disputer ${++n}`);
  const routes: [string, string][] = [['JFK', 'LHR'], ['LHR', 'JFK'], ['LAX', 'JFK']];
  return { user, booking: await paidBooking(t, user, await nonstop(t, ...routes[n % routes.length]), 'basic') };
}
const open = (user: string, pnr: string, files = [file('boarding.png', PNG)], key: string | null = null) =>
  t.db.call<Dispute>('open_dispute', { user_id: user, pnr, reason: 'The flight left without me although I was at the gate.', files, idempotency_key: key, request_hash: key ? 'h1' : null });
const wallet = async (user: string) => (await t.db.call<WalletHistory>('wallet_history', { user_id: user })).balance_minor;
const ctx = (reason: string | null = 'Checked the gate log') => staffCtx(support, 'support', reason);

describe('opening a dispute', () => {
  it('takes PNG, PDF and JPEG judged by their bytes, and refuses a renamed file, naming it', async () => {
    const { user, booking } = await paid();
    await expect(open(user, booking.pnr, [file('photo.png', PNG), file('receipt.pdf', Buffer.from('GIF89a not a pdf'))]))
      .rejects.toMatchObject({ status: 422, field: 'files[1]' });
    await expect(open(user, booking.pnr, [file('evil.pdf', Buffer.from('MZ\x90\x00 an executable'))])).rejects.toMatchObject({ status: 422, field: 'files[0]' });
    // nothing half-written: no dispute was left behind by the refused attempts
    expect(await t.sql('select 1 from traqora.disputes where booking_id = $1', [booking.id])).toEqual([]);

    // the name says PDF, the bytes say PNG: stored as what the bytes are
    const d = await open(user, booking.pnr, [file('scan.pdf', PNG), file('receipt.pdf', PDF), file('photo.jpg', JPEG)]);
    expect(d.evidence.map((e) => e.content_type)).toEqual(['image/png', 'application/pdf', 'image/jpeg']);
    expect(d).toMatchObject({ status: 'open', held_minor: booking.price.total_minor, booking_status: 'paid' });
    const got = await t.db.call<{ content: string }>('get_dispute_evidence', { user_id: user, evidence_id: d.evidence[0].id });
    expect(Buffer.from(got.content, 'base64').equals(PNG)).toBe(true);
    // a stranger sees neither the dispute nor its files; support does
    const stranger = await traveller(t, 'Stranger');
    await expect(t.db.call('get_dispute_evidence', { user_id: stranger, evidence_id: d.evidence[0].id })).rejects.toMatchObject({ status: 404 });
    await expect(t.db.call('get_dispute', { user_id: stranger, id: d.id })).rejects.toMatchObject({ status: 404 });
    expect(await t.db.call('get_dispute_evidence', { user_id: support, evidence_id: d.evidence[1].id, admin: true })).toMatchObject({ content_type: 'application/pdf' });
    // one dispute in progress per booking; more than five files in all is refused
    await expect(open(user, booking.pnr)).rejects.toMatchObject({ status: 409, field: 'pnr' });
    await expect(t.db.call('add_dispute_evidence', { user_id: user, dispute_id: d.id, files: [file('a.png', PNG), file('b.png', PNG), file('c.png', PNG)] }))
      .rejects.toMatchObject({ status: 422, field: 'files' });
  });

  it('refuses a file over 5 MB and a booking that is not the traveller\'s or not paid', async () => {
    const { user, booking } = await paid();
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    await expect(open(user, booking.pnr, [file('big.png', big)])).rejects.toMatchObject({ status: 422, field: 'files[0]' });
    const other = await traveller(t, 'Not the owner');
    await expect(open(other, booking.pnr)).rejects.toMatchObject({ status: 404, field: 'pnr' });
  });

  it('answers a retry with the same Idempotency-Key with the same dispute', async () => {
    const { user, booking } = await paid();
    const first = await open(user, booking.pnr, [file('a.png', PNG)], 'dispute-key-1');
    const again = await open(user, booking.pnr, [file('a.png', PNG)], 'dispute-key-1');
    expect(again).toMatchObject({ id: first.id, replayed: true });
    expect(await t.sql('select count(*)::int as n from traqora.disputes where booking_id = $1', [booking.id])).toEqual([{ n: 1 }]);
  });
});

describe('the frozen escrow', () => {
  it('the release job skips a disputed booking and the traveller cannot cancel it; a resolution settles it', async () => {
    const { user, booking } = await paid();
    const d = await open(user, booking.pnr);
    const quote = await t.db.call<{ id: string }>('quote_cancellation', { user_id: user, pnr: booking.pnr });
    await expect(t.db.call('confirm_cancellation', { user_id: user, pnr: booking.pnr, quote_id: quote.id }))
      .rejects.toMatchObject({ status: 409 });
    const it = { flight_ids: (await t.sql<{ flight_id: number }>('select flight_id from traqora.booking_segments where booking_id = $1', [booking.id])).map((r) => r.flight_id) };
    await flyAndRelease(t, it as never);
    const b = await t.db.call<Booking>('get_booking', { user_id: user, pnr: booking.pnr });
    expect(b).toMatchObject({ status: 'paid', escrow_balance_minor: booking.price.total_minor });

    // support's split must equal the held amount, naming the field otherwise
    const held = d.held_minor;
    await expect(t.db.call('resolve_dispute', { ctx: ctx(), id: d.id, refund_minor: 1000, airline_minor: held, fee_minor: 0 }))
      .rejects.toMatchObject({ status: 422, field: 'refund_minor' });
    await expect(t.db.call('resolve_dispute', { ctx: ctx(), id: d.id, refund_minor: -1, airline_minor: held + 1, fee_minor: 0 }))
      .rejects.toMatchObject({ status: 422, field: 'refund_minor' });
    const before = await wallet(user);
    const done = await t.db.call<Dispute>('resolve_dispute', { ctx: ctx('Half back: the gate closed early'), id: d.id, refund_minor: 5000, airline_minor: held - 5100, fee_minor: 100 });
    expect(done).toMatchObject({ status: 'resolved', booking_status: 'refunded', resolution: { refund_minor: 5000, airline_minor: held - 5100, fee_minor: 100, source: 'support' } });
    expect(await wallet(user)).toBe(before + 5000);
    await expect(t.db.call('resolve_dispute', { ctx: ctx(), id: d.id, refund_minor: held, airline_minor: 0, fee_minor: 0 })).rejects.toMatchObject({ status: 409 });
    const audit = await t.sql<{ action: string }>("select action from traqora.audit_log where resource_type = 'dispute' and resource_id = $1 order by id", [d.id]);
    expect(audit.map((a) => a.action)).toEqual(['dispute.opened', 'dispute.resolved']);
  });

  it('support asks for more evidence; the traveller adds a file and the dispute is open again', async () => {
    const { user, booking } = await paid();
    const d = await open(user, booking.pnr);
    expect(await t.db.call('request_dispute_evidence', { ctx: ctx(), id: d.id, message: 'Please add your boarding pass.' }))
      .toMatchObject({ status: 'awaiting_evidence', evidence_request: 'Please add your boarding pass.' });
    const after = await t.db.call<Dispute>('add_dispute_evidence', { user_id: user, dispute_id: d.id, files: [file('pass.pdf', PDF)] });
    expect(after.status).toBe('open');
    expect(after.evidence).toHaveLength(2);
  });
});

async function escalated() {
  const { user, booking } = await paid();
  const d = await open(user, booking.pnr);
  await t.db.call('escalate_dispute', { ctx: ctx('Facts disputed: for the jury'), id: d.id });
  const drawn = await t.db.call<Dispute>('draw_jury', { dispute_id: d.id });
  return { user, booking, d: drawn };
}
const salt = () => randomBytes(32).toString('hex');
async function commit(juror: string, d: Dispute, option: number, round = 1) {
  const s = salt();
  await t.db.call('jury_commit', { user_id: juror, dispute_id: d.id, commitment: await voteCommitment(round, option, s, juror) });
  return s;
}

describe('the jury', () => {
  it('pages the cases a juror sits on, newest draw first, with no repeat and no gap while juries are drawn', async () => {
    type Status = { cases: { dispute_id: string; round: number }[]; cases_next: Record<string, unknown> | null };
    const { d } = await escalated();
    const juror = d.rounds[0].seats[0].juror;
    const key = (c: { dispute_id: string; round: number }) => `${c.dispute_id}/${c.round}`;
    const sitting = async () => (await t.db.call<Status>('juror_status', { user_id: juror, limit: 100 })).cases.map(key);
    // juries are drawn at random (weighted by stake), so draw until this juror sits on three
    for (let i = 0; i < 60 && (await sitting()).length < 3; i++) await escalated();
    const before = await sitting();
    expect(before.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let after: Status['cases_next'] = null;
    let pages = 0;
    do {
      const page: Status = await t.db.call('juror_status', { user_id: juror, after, limit: 1 });
      seen.push(...page.cases.map(key));
      after = page.cases_next;
      pages++;
      await escalated();                                   // a new draw lands above the first page
    } while (after && pages < 100);
    expect(seen).toEqual(before);
    expect(pages).toBe(before.length);
  });

  it('draws jurors reproducibly from the committed seed, weighted by stake', async () => {
    const { d } = await escalated();
    const [r] = d.rounds;
    expect(r.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(seedCommitment(r.seed!)).toBe(r.seed_hash);
    expect(r.seats.map((s) => s.juror)).toEqual(drawJury(r.seed!, r.candidates, r.jury_size));
    expect(new Set(r.seats.map((s) => s.juror)).size).toBe(3);
    // the same seed and candidates always draw the same jury; another seed (almost surely) another order
    expect(drawJury(r.seed!, r.candidates, 3)).toEqual(drawJury(r.seed!, r.candidates, 3));
    // weighted: a candidate with all the weight but one unit is drawn first for any seed
    const heavy = [{ user_id: 'a', weight: '1' }, { user_id: 'b', weight: '1000000000000' }];
    for (let i = 0; i < 20; i++) expect(drawJury(salt(), heavy, 1)).toEqual(['b']);
    await expect(t.db.call('draw_jury', { dispute_id: d.id })).rejects.toMatchObject({ status: 409 });
  });

  it('refuses a reveal with the wrong salt, slashes a non-revealer, rewards the majority and pays the verdict', async () => {
    const { user, booking, d } = await escalated();
    const [a, b, c] = d.rounds[0].seats.map((s) => s.juror);
    const saltA = await commit(a, d, 0);
    const saltB = await commit(b, d, 0);
    await commit(c, d, 1);
    await expect(t.db.call('jury_reveal', { user_id: a, dispute_id: d.id, option: 0, salt: saltA })).rejects.toMatchObject({ status: 409 }); // still committing
    await advance(t, 2 * DAY + 1);
    await expect(t.db.call('jury_commit', { user_id: a, dispute_id: d.id, commitment: 'ab'.repeat(32) })).rejects.toMatchObject({ status: 409 });
    await expect(t.db.call('jury_reveal', { user_id: a, dispute_id: d.id, option: 0, salt: salt() })).rejects.toMatchObject({ status: 422, field: 'salt' });
    await expect(t.db.call('jury_reveal', { user_id: a, dispute_id: d.id, option: 1, salt: saltA })).rejects.toMatchObject({ status: 422, field: 'salt' });
    await t.db.call('jury_reveal', { user_id: a, dispute_id: d.id, option: 0, salt: saltA });
    await t.db.call('jury_reveal', { user_id: b, dispute_id: d.id, option: 0, salt: saltB });
    // c does not reveal
    await expect(t.db.call('jury_tally', { ctx: null, dispute_id: d.id })).rejects.toMatchObject({ status: 409 });
    await advance(t, DAY + 1);
    const stakeC = BigInt((await t.sql<{ staked: string }>('select staked::text from traqora.jurors where user_id = $1', [c]))[0].staked);
    const balA = BigInt((await account(t, a)).balance);
    // a juror's stake still votes in governance (trq_stake): c's power is balance + stake until the slash
    const c0 = await account(t, c);
    expect(BigInt(c0.votes)).toBe(BigInt(c0.balance) + stakeC);
    const tallied = await t.db.call<Dispute>('jury_tally', { ctx: null, dispute_id: d.id });
    const r = tallied.rounds[0];
    expect(r.winning_option).toBe(0);
    const risk = 100n * TRQ;
    expect(r.seats.find((s) => s.juror === c)).toMatchObject({ outcome: 'slashed', slashed: risk.toString() });
    expect(r.seats.find((s) => s.juror === a)).toMatchObject({ outcome: 'majority', reward: (risk / 2n).toString() });
    expect(BigInt((await t.sql<{ staked: string }>('select staked::text from traqora.jurors where user_id = $1', [c]))[0].staked)).toBe(stakeC - risk);
    expect(BigInt((await account(t, a)).balance)).toBe(balA + risk / 2n);
    // the slash takes the slashed TRQ's power with it, and nothing else
    expect(BigInt((await account(t, c)).votes)).toBe(BigInt(c0.votes) - risk);

    // round 1's verdict waits for the appeal window, then pays once
    await expect(t.db.call('execute_dispute_verdict', { ctx: staffCtx(support, 'support'), dispute_id: d.id })).rejects.toMatchObject({ status: 409 });
    await advance(t, 2 * DAY + 1);
    const before = await wallet(user);
    const done = await t.db.call<Dispute>('execute_dispute_verdict', { ctx: { actor: null, role: null, reason: null, ip: null, request_id: 'job' }, dispute_id: d.id });
    expect(done).toMatchObject({ status: 'resolved', booking_status: 'refunded', resolution: { source: 'jury', refund_minor: booking.price.total_minor } });
    expect(await wallet(user)).toBe(before + booking.price.total_minor);
    await expect(t.db.call('execute_dispute_verdict', { ctx: staffCtx(support, 'support'), dispute_id: d.id })).rejects.toMatchObject({ status: 409 });
  });

  it('one appeal goes to a larger jury of other jurors, whose verdict is final', async () => {
    const { user, d } = await escalated();
    const first = d.rounds[0].seats.map((s) => s.juror);
    for (const j of first) await commit(j, d, 1);
    await advance(t, 3 * DAY + 2);
    const roundOneCase = async () => (await t.db.call<{ cases: { dispute_id: string; round: number; appealed: boolean }[] }>('juror_status', { user_id: first[0] }))
      .cases.find((c) => c.dispute_id === d.id && c.round === 1);
    // nobody revealed: all slashed, the tie goes to option 0
    expect((await t.db.call<Dispute>('jury_tally', { ctx: null, dispute_id: d.id })).rounds[0].winning_option).toBe(0);
    const other = await traveller(t, 'Not a party');
    await expect(t.db.call('appeal_dispute', { user_id: other, dispute_id: d.id })).rejects.toMatchObject({ status: 404 });
    expect(await roundOneCase()).toMatchObject({ appealed: false });
    await t.db.call('appeal_dispute', { user_id: user, dispute_id: d.id });
    await expect(t.db.call('appeal_dispute', { user_id: user, dispute_id: d.id })).rejects.toMatchObject({ status: 409 });
    // a round-1 juror's card learns that this verdict will not be the one paid
    expect(await roundOneCase()).toMatchObject({ appealed: true });
    const r2 = (await t.db.call<Dispute>('draw_jury', { dispute_id: d.id })).rounds[1];
    expect(r2.seats).toHaveLength(4);
    expect(r2.seats.some((s) => first.includes(s.juror))).toBe(false);
    const salts = await Promise.all(r2.seats.map(async (s) => [s.juror, await commit(s.juror, d, 1, 2)] as const));
    await advance(t, 2 * DAY + 1);
    for (const [j, s] of salts) await t.db.call('jury_reveal', { user_id: j, dispute_id: d.id, option: 1, salt: s });
    await advance(t, DAY + 1);
    expect((await t.db.call<Dispute>('jury_tally', { ctx: null, dispute_id: d.id })).rounds[1].winning_option).toBe(1);
    await expect(t.db.call('appeal_dispute', { user_id: user, dispute_id: d.id })).rejects.toMatchObject({ status: 409 });
    const done = await t.db.call<Dispute>('execute_dispute_verdict', { ctx: staffCtx(support, 'support'), dispute_id: d.id });
    expect(done).toMatchObject({ status: 'resolved', booking_status: 'cancelled', resolution: { refund_minor: 0 } });
    expect(done.resolution!.airline_minor + done.resolution!.fee_minor).toBe(done.held_minor);
  });

  it('a juror cannot withdraw while deciding, and gets the stake back afterwards', async () => {
    const fresh = await jurors(t, 1, 'Leaver');
    const [j] = fresh;
    const before = await account(t, j);
    expect(await t.db.call('jury_withdraw', { user_id: j })).toMatchObject({ active: false, staked: '0' });
    expect(BigInt((await account(t, j)).balance)).toBe(BigInt(before.balance) + 100n * TRQ);
    // staking and withdrawing never changed the juror's voting power
    expect((await account(t, j)).votes).toBe(before.votes);
    await expect(t.db.call('jury_opt_in', { user_id: j, amount: (99n * TRQ).toString() })).rejects.toMatchObject({ status: 422, field: 'amount' });
  });

  it.skipIf(process.env.DB_TARGET !== 'postgres')('10 concurrent executions of a verdict pay once (PostgreSQL)', async () => {
    const { user, booking, d } = await escalated();
    for (const s of d.rounds[0].seats) await commit(s.juror, d, 0);
    await advance(t, 3 * DAY + 2);
    await t.db.call('jury_tally', { ctx: null, dispute_id: d.id });
    await advance(t, 2 * DAY + 1);
    const before = await wallet(user);
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) =>
      t.db.call('execute_dispute_verdict', { ctx: { actor: null, role: null, reason: null, ip: null, request_id: `exec-${i}` }, dispute_id: d.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.status)).toEqual(Array(9).fill(409));
    expect(await wallet(user)).toBe(before + booking.price.total_minor);
    expect(await t.sql("select count(*)::int as n from traqora.ledger_transactions where booking_id = $1 and kind = 'refund'", [booking.id])).toEqual([{ n: 1 }]);
  });
});
