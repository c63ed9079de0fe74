import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { governanceConsumer } from '@/lib/events/consumers/governance';
import type { DomainEvent } from '@/lib/events/types';
import { account, admin, adminCtx, advance, DAY, distribute, holder, TRQ, vote } from '@/tests/support/governance-fixtures';

// TRQ and governance (supabase/routines/96_trq.sql, 97_governance.sql): the ledger's SEP-41
// semantics, checkpointed power read at the snapshot, proposal limits, quorum and pass edges, and
// the timelock before execution that changes the fee the next release charges.

let t: TestDatabase;
let boss: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  boss = await admin(t);
});
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(await t.db.call('trq_balance_check')).toMatchObject({ ok: true, bad_accounts: 0 }); });

interface Proposal { id: number; state: string; tally: Record<string, string>; quorum: string; vote_start: string; eta: string | null; viewer: { power_at_snapshot: string | null } | null }
const propose = (by: string, extra: Record<string, unknown> = {}) => t.db.call<Proposal>('governance_create_proposal', {
  proposer: by, kind: 'signal', title: 'Serve better coffee', body: '## Why\nBecause.', changes: null, ...extra });
const proposal = (id: number, viewer: string | null = null) => t.db.call<Proposal>('governance_proposal', { id, viewer });
const param = async (key: string) => Number((await t.sql<{ value: string }>('select value from traqora.governed_parameters where key = $1', [key]))[0].value);
// Each test leaves no proposal pending/active behind for the active limit: end its voting.
const endVoting = () => advance(t, 7 * DAY);

describe('TRQ ledger', () => {
  it('distributes from the treasury (≤ 50 distinct recipients, all or nothing, audited) and transfers with SEP-41 semantics', async () => {
    const [a, b] = [await holder(t, 'Tia One'), await holder(t, 'Tia Two')];
    const treasuryBefore = BigInt((await t.db.call<{ treasury: string }>('trq_treasury_summary', {})).treasury);
    const batch = await distribute(t, boss, [[a, 500n], [b, 100n]]);
    expect(batch.total).toBe((600n * TRQ).toString());
    expect(BigInt((await t.db.call<{ treasury: string }>('trq_treasury_summary', {})).treasury)).toBe(treasuryBefore - 600n * TRQ);
    const [audit] = await t.sql<{ action: string; actor: string }>("select action, actor from traqora.audit_log where resource_id = $1", [batch.batch_id]);
    expect(audit).toEqual({ action: 'trq.distributed', actor: boss });

    const many = Array.from({ length: 51 }, () => [a, 1n] as [string, bigint]);
    await expect(distribute(t, boss, many)).rejects.toMatchObject({ status: 422, field: 'recipients' });
    await expect(distribute(t, boss, [[a, 1n], [a, 1n]])).rejects.toMatchObject({ status: 422, field: 'recipients' });
    await expect(distribute(t, boss, [[a, 1n], ['00000000-0000-0000-0000-000000000000', 1n]])).rejects.toMatchObject({ status: 422, field: 'recipients[1].user_id' });
    await expect(t.db.call('trq_distribute', { ctx: adminCtx(boss), reason: 'x y z', recipients: [{ user_id: a, amount: '-5' }] }))
      .rejects.toMatchObject({ status: 422, field: 'recipients[0].amount' });
    await expect(distribute(t, boss, [[a, 2n * 10n ** 9n]])).rejects.toMatchObject({ status: 409 });   // more than the treasury
    await expect(t.db.call('trq_distribute', { ctx: adminCtx(boss), reason: 'overflow', recipients: [{ user_id: a, amount: '9'.repeat(18) }, { user_id: b, amount: '9'.repeat(18) }] }))
      .rejects.toMatchObject({ status: 409 });
    expect((await account(t, a)).balance).toBe((500n * TRQ).toString());

    await t.db.call('trq_transfer', { from: a, to: b, amount: (50n * TRQ).toString(), memo: null });
    expect((await account(t, a)).balance).toBe((450n * TRQ).toString());
    expect((await account(t, b)).votes).toBe((150n * TRQ).toString());
    await expect(t.db.call('trq_transfer', { from: b, to: a, amount: (151n * TRQ).toString(), memo: null })).rejects.toMatchObject({ status: 409, field: 'amount' });
    await expect(t.db.call('trq_transfer', { from: b, to: a, amount: '0', memo: null })).rejects.toMatchObject({ status: 422, field: 'amount' });
    await expect(t.db.call('trq_transfer', { from: b, to: b, amount: '1', memo: null })).rejects.toMatchObject({ status: 422, field: 'to' });
    await expect(t.sql('delete from traqora.trq_movements')).rejects.toThrow(/append-only/);
  });

  it('delegates to self by default, to one delegate at a time, and back', async () => {
    const [h, d1, d2] = [await holder(t, 'Del Holder'), await holder(t, 'Del One'), await holder(t, 'Del Two')];
    await distribute(t, boss, [[h, 300n], [d1, 10n]]);
    expect(await account(t, h)).toMatchObject({ delegate: null, delegates_to_self: true, votes: (300n * TRQ).toString() });
    await t.db.call('trq_delegate', { holder: h, delegate: d1 });
    expect((await account(t, h)).votes).toBe('0');
    expect(await account(t, d1)).toMatchObject({ votes: (310n * TRQ).toString(), delegators: 1 });
    await t.db.call('trq_delegate', { holder: h, delegate: d2 });
    expect((await account(t, d1)).votes).toBe((10n * TRQ).toString());
    expect((await account(t, d2)).votes).toBe((300n * TRQ).toString());
    // a transfer into a delegating holder moves the delegate's power, not the holder's
    await t.db.call('trq_transfer', { from: d1, to: h, amount: (5n * TRQ).toString(), memo: 'thanks' });
    expect((await account(t, d2)).votes).toBe((305n * TRQ).toString());
    expect(await t.db.call('trq_delegate', { holder: h, delegate: null })).toMatchObject({ changed: true, delegates_to_self: true, votes: (305n * TRQ).toString() });
    expect((await account(t, d2)).votes).toBe('0');
  });
});

describe('dev personas', () => {
  it('start with TRQ once, from the user.created event of a new persona; other new users get none', async () => {
    const consumer = governanceConsumer(async () => t.db);
    const created = async (name: string, role: string) => {
      const id = (await t.db.call<{ id: string }>('upsert_dev_persona', { role, name })).id;
      const [e] = await t.sql<DomainEvent>("select id, type, aggregate_type, aggregate_id, payload, actor, occurred_at from traqora.domain_events where type = 'user.created' and aggregate_id = $1", [id]);
      return { id, event: { ...e, attempt: 1 } };
    };
    const op = await created('Seed Operator', 'operator');
    await consumer.handle(op.event, { consumer: 'governance' });
    await consumer.handle(op.event, { consumer: 'governance' });   // at-least-once: a re-delivery seeds nothing
    expect((await account(t, op.id)).balance).toBe((50_000n * TRQ).toString());
    const other = await holder(t, 'Not Seeded');
    await consumer.handle({ id: 0, type: 'user.created', aggregate_type: 'user', aggregate_id: other, actor: null, occurred_at: '', attempt: 1,
      payload: { user_id: other, source: 'clerk', roles: [] } }, { consumer: 'governance' });
    expect((await account(t, other)).balance).toBe('0');
  });
});

describe('voting power at the snapshot', () => {
  it('is read at vote start: transfers and re-delegations after it change nothing, before it they count', async () => {
    const [p, v, w, d] = [await holder(t, 'Snap Proposer'), await holder(t, 'Snap Voter'), await holder(t, 'Snap Whale'), await holder(t, 'Snap Delegate')];
    await distribute(t, boss, [[p, 2000n], [v, 100n], [w, 1000n]]);
    const { id, vote_start } = await propose(p);
    expect((await proposal(id, v)).viewer?.power_at_snapshot).toBeNull();   // not known before the snapshot
    // before the snapshot: the whale hands 400 to the voter, who delegates to d
    await t.db.call('trq_transfer', { from: w, to: v, amount: (400n * TRQ).toString(), memo: null });
    await t.db.call('trq_delegate', { holder: w, delegate: d });
    await advance(t, DAY + 60);
    expect(new Date((await t.db.call<{ now: string }>('governance_advance_clock', { seconds: 1 })).now) > new Date(vote_start)).toBe(true);
    // after it: everything moves again
    await t.db.call('trq_transfer', { from: v, to: p, amount: (500n * TRQ).toString(), memo: null });
    await t.db.call('trq_delegate', { holder: w, delegate: v });
    await t.db.call('trq_delegate', { holder: p, delegate: v });

    expect((await proposal(id, v)).viewer?.power_at_snapshot).toBe((500n * TRQ).toString());
    expect((await vote(t, v, id, 'for')).weight).toBe((500n * TRQ).toString());
    expect((await vote(t, d, id, 'against')).weight).toBe((600n * TRQ).toString());
    await expect(vote(t, w, id, 'for')).rejects.toMatchObject({ status: 403, field: 'voter' });    // delegated away at the snapshot
    expect((await vote(t, p, id, 'abstain')).weight).toBe((2000n * TRQ).toString());
    const tally = (await proposal(id)).tally;
    expect(tally).toMatchObject({ for: (500n * TRQ).toString(), against: (600n * TRQ).toString(), abstain: (2000n * TRQ).toString(), voters: 3 });
    expect(await t.db.call<{ running: unknown; recount: unknown }>('governance_tally_check', { id }))
      .toSatisfy((c: { running: unknown; recount: unknown }) => JSON.stringify(c.running) === JSON.stringify(c.recount));
    await endVoting();
  });
});

describe('proposals', () => {
  it('are refused outside their limits: title, body, kind, changes and bounds, threshold, 3 active', async () => {
    const [p, poor] = [await holder(t, 'Limit Proposer'), await holder(t, 'Limit Poor')];
    await distribute(t, boss, [[p, 5000n], [poor, 999n]]);
    await expect(propose(p, { title: 'x'.repeat(257) })).rejects.toMatchObject({ status: 422, field: 'title' });
    await expect(propose(p, { title: '  ' })).rejects.toMatchObject({ status: 422, field: 'title' });
    await expect(propose(p, { body: 'x'.repeat(10_001) })).rejects.toMatchObject({ status: 422, field: 'body' });
    await expect(propose(p, { kind: 'treasury' })).rejects.toMatchObject({ status: 422, field: 'kind' });
    await expect(propose(p, { kind: 'parameter', changes: [] })).rejects.toMatchObject({ status: 422, field: 'changes' });
    await expect(propose(p, { changes: [{ key: 'platform.fee_bps', value: 300 }] })).rejects.toMatchObject({ status: 422, field: 'changes' });
    await expect(propose(p, { kind: 'parameter', changes: [{ key: 'platform.fee_bps', value: 1001 }] })).rejects.toMatchObject({ status: 422, field: 'changes[0].value' });
    await expect(propose(p, { kind: 'parameter', changes: [{ key: 'platform.fee_bps', value: 300.5 }] })).rejects.toMatchObject({ status: 422, field: 'changes[0].value' });
    await expect(propose(p, { kind: 'parameter', changes: [{ key: 'platform.fee_bps', value: '300' }] })).rejects.toMatchObject({ status: 422, field: 'changes[0].value' });
    await expect(propose(p, { kind: 'parameter', changes: [{ key: 'platform.nope', value: 1 }] })).rejects.toMatchObject({ status: 422, field: 'changes[0].key' });
    await expect(propose(p, { kind: 'parameter', changes: [{ key: 'platform.fee_bps', value: 300 }, { key: 'platform.fee_bps', value: 301 }] }))
      .rejects.toMatchObject({ status: 422, field: 'changes[1].key' });
    await expect(propose(poor)).rejects.toMatchObject({ status: 403, field: 'proposer' });   // 999 < 1000 TRQ threshold

    const made = [await propose(p), await propose(p), await propose(p, { body: 'x'.repeat(10_000), title: 't'.repeat(256) })];
    await expect(propose(p)).rejects.toMatchObject({ status: 409, field: 'proposer' });
    expect(await t.sql('select count(*)::int as n from traqora.proposals where proposer = $1', [p])).toEqual([{ n: 3 }]);
    // the proposer cancels one while pending: room for another; not someone else's, not once active
    await expect(t.db.call('governance_cancel_proposal', { actor: poor, id: made[0].id })).rejects.toMatchObject({ status: 403 });
    expect(await t.db.call('governance_cancel_proposal', { actor: p, id: made[0].id })).toMatchObject({ state: 'cancelled' });
    await propose(p);
    await advance(t, DAY + 1);
    await expect(t.db.call('governance_cancel_proposal', { actor: p, id: made[1].id })).rejects.toMatchObject({ status: 409 });
    const list = await t.db.call<{ data: Proposal[]; nextCursor: string | null }>('governance_proposals', { state: 'cancelled', proposer: p, cursor: null, limit: 10 });
    expect(list.data.map((x) => x.id)).toEqual([made[0].id]);
    await expect(t.db.call('governance_proposals', { state: 'nope', proposer: null, cursor: null, limit: 10 })).rejects.toMatchObject({ status: 400, field: 'state' });
    await endVoting();
  });

  it('count one vote per account, only while active, never the same signature twice', async () => {
    const [p, v] = [await holder(t, 'Once Proposer'), await holder(t, 'Once Voter')];
    await distribute(t, boss, [[p, 2000n], [v, 10n]]);
    const { id } = await propose(p);
    await expect(vote(t, v, id, 'for')).rejects.toMatchObject({ status: 409, field: 'id' });   // pending
    await advance(t, DAY + 1);
    await vote(t, v, id, 'for');
    await expect(vote(t, v, id, 'against')).rejects.toMatchObject({ status: 409, field: 'voter' });
    const [used] = await t.sql<{ signature: string; message: string; address: string }>('select signature, message, address from traqora.proposal_votes where voter = $1', [v]);
    await expect(t.db.call('governance_cast_vote', { voter: p, id, support: 'for', reason: null, ...used })).rejects.toMatchObject({ status: 409, field: 'signature' });
    await expect(vote(t, p, id, 'maybe')).rejects.toMatchObject({ status: 422, field: 'support' });
    await expect(vote(t, p, id, 'for', undefined, 'r'.repeat(5001))).rejects.toMatchObject({ status: 422, field: 'reason' });
    await endVoting();
    await expect(vote(t, p, id, 'for')).rejects.toMatchObject({ status: 409, field: 'id' });   // closed
  });

  it('pass at exactly quorum (For + Abstain, bps of circulating TRQ at the snapshot) with For > Against; not one unit below, not on a tie', async () => {
    const [p, a, a2, b, c, f] = await Promise.all(['Q Proposer', 'Q Exact', 'Q Short', 'Q For', 'Q Against', 'Q Filler'].map((n) => holder(t, n)));
    // Circulating after the batch is 25·A, so quorum (4%) is exactly A base units.
    const c0 = BigInt((await t.db.call<{ circulating: string }>('trq_treasury_summary', {})).circulating);
    const A = (c0 + 1002n * TRQ) / 23n + 10n * TRQ + 7n;
    const F = 25n * A - c0 - 1002n * TRQ - A - (A - 1n);
    await t.db.call('trq_distribute', { ctx: adminCtx(boss), reason: 'quorum edges', recipients: [
      [p, 1000n * TRQ], [a, A], [a2, A - 1n], [b, TRQ], [c, TRQ], [f, F]].map(([user_id, amount]) => ({ user_id, amount: amount.toString() })) });
    const [exact, short, tie] = [(await propose(p)).id, (await propose(p)).id, (await propose(p)).id];
    await advance(t, DAY + 1);
    expect((await proposal(exact)).quorum).toBe(A.toString());

    await vote(t, a, exact, 'for');                                 // For = quorum, Against 0
    await vote(t, a2, short, 'for');                                // one unit short of quorum
    await vote(t, a, tie, 'abstain');                               // quorum reached by Abstain …
    await vote(t, b, tie, 'for');                                   // … but For = Against
    await vote(t, c, tie, 'against');
    expect((await proposal(exact)).state).toBe('active');
    await endVoting();
    expect((await proposal(exact)).state).toBe('succeeded');
    expect((await proposal(short)).state).toBe('defeated');
    expect((await proposal(tie)).state).toBe('defeated');
  });
});

describe('timelocked execution', () => {
  it('queues a succeeded parameter proposal, refuses to execute before the timelock, then sets the fee the next release charges', async () => {
    const [p] = [await holder(t, 'Fee Proposer')];
    const c0 = BigInt((await t.db.call<{ circulating: string }>('trq_treasury_summary', {})).circulating);
    await t.db.call('trq_distribute', { ctx: adminCtx(boss), reason: 'fee vote', recipients: [{ user_id: p, amount: (c0 + 1000n * TRQ).toString() }] });
    const made = await propose(p, { kind: 'parameter', title: 'Fee to 3.75%', changes: [{ key: 'platform.fee_bps', value: 375 }, { key: 'governance.timelock_seconds', value: 7200 }] });
    const id = made.id;
    await expect(t.db.call('governance_queue', { actor: p, id })).rejects.toMatchObject({ status: 409 });   // pending
    await advance(t, DAY + 1);
    await vote(t, p, id, 'for');
    await expect(t.db.call('governance_queue', { actor: p, id })).rejects.toMatchObject({ status: 409 });   // still active
    await endVoting();
    expect(await t.db.call('governance_due')).toMatchObject({ queue: [id], execute: [] });
    const queued = await t.db.call<Proposal>('governance_queue', { actor: null, id });
    expect(queued.state).toBe('queued');
    await expect(t.db.call('governance_queue', { actor: null, id })).rejects.toMatchObject({ status: 409 });
    // 48 h timelock (the governed default): not a second before
    await advance(t, 47 * 3600);
    await expect(t.db.call('governance_execute', { ctx: {}, id })).rejects.toMatchObject({ status: 409, field: 'id' });
    expect(await param('platform.fee_bps')).toBe(250);
    expect(await t.db.call('governance_due')).toMatchObject({ queue: [], execute: [] });
    await advance(t, 3601);
    expect(await t.db.call('governance_due')).toMatchObject({ execute: [id] });

    const executed = await t.db.call<Proposal>('governance_execute', { ctx: adminCtx(boss), id });
    expect(executed.state).toBe('executed');
    expect(await param('platform.fee_bps')).toBe(375);
    expect(await param('governance.timelock_seconds')).toBe(7200);
    await expect(t.db.call('governance_execute', { ctx: {}, id })).rejects.toMatchObject({ status: 409 });
    expect(await t.sql("select source, source_ref, before_value::int as before, after_value::int as after from traqora.parameter_changes where key = 'platform.fee_bps' order by id desc limit 1"))
      .toEqual([{ source: 'governance', source_ref: `proposal:${id}`, before: 250, after: 375 }]);
    expect(await t.sql("select action, actor from traqora.audit_log where resource_type = 'proposal' and resource_id = $1", [String(id)]))
      .toEqual([{ action: 'proposal.executed', actor: boss }]);
    expect((await t.sql<{ type: string }>("select type from traqora.domain_events where aggregate_type = 'proposal' and aggregate_id = $1 order by id", [String(id)])).map((e) => e.type))
      .toEqual(['proposal.created', 'proposal.voted', 'proposal.queued', 'proposal.executed']);
    const params = await t.db.call<Array<{ key: string; set_by_proposal: { id: number } | null }>>('governance_parameters');
    expect(params.find((x) => x.key === 'platform.fee_bps')?.set_by_proposal?.id).toBe(id);

    // the next release charges the executed fee
    const user = await traveller(t, 'Fee Release');
    const it2 = await nonstop(t, 'LHR', 'JFK');
    const { booking } = await book(t, user, it2, { family: 'standard' });
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 1_000_000 });
    await t.sql("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1", [it2.flight_ids[0]]);
    await t.db.call('release_flown_bookings', {});
    const [{ payload }] = await t.sql<{ payload: { fee_bps: number; fee_minor: number } }>(
      "select payload from traqora.domain_events where type = 'booking.completed' and aggregate_id = $1", [booking.id]);
    expect(payload).toMatchObject({ fee_bps: 375, fee_minor: Math.floor(booking.price.total_minor * 375 / 10000) });
    await t.db.call('set_governed_parameter', { key: 'platform.fee_bps', value: 250, actor: boss, source: 'admin', source_ref: null });
    await t.db.call('set_governed_parameter', { key: 'governance.timelock_seconds', value: 172800, actor: boss, source: 'admin', source_ref: null });
  });

  it('lets a queued proposal expire after the grace period, and a succeeded one that is never queued', async () => {
    const [p] = [await holder(t, 'Grace Proposer')];
    const c0 = BigInt((await t.db.call<{ circulating: string }>('trq_treasury_summary', {})).circulating);
    await t.db.call('trq_distribute', { ctx: adminCtx(boss), reason: 'grace vote', recipients: [{ user_id: p, amount: (c0 + 1000n * TRQ).toString() }] });
    const change = { kind: 'parameter', changes: [{ key: 'platform.fee_bps', value: 300 }] };
    const [q, n] = [(await propose(p, change)).id, (await propose(p, change)).id];
    await advance(t, DAY + 1);
    await vote(t, p, q, 'for');
    await vote(t, p, n, 'for');
    await endVoting();
    await t.db.call('governance_queue', { actor: null, id: q });
    await advance(t, 2 * DAY + 14 * DAY + 60);
    expect((await proposal(q)).state).toBe('expired');
    expect((await proposal(n)).state).toBe('expired');
    await expect(t.db.call('governance_execute', { ctx: {}, id: q })).rejects.toMatchObject({ status: 409 });
    await expect(t.db.call('governance_queue', { actor: null, id: n })).rejects.toMatchObject({ status: 409 });
    expect(await param('platform.fee_bps')).toBe(250);
  });
});

describe('lists', () => {
  it('page votes by power with a keyset cursor, delegates by voting power, and refuse cursors they did not give', async () => {
    const p = await holder(t, 'List Proposer');
    const voters = await Promise.all([1, 2, 3, 4, 5].map((i) => holder(t, `List Voter ${i}`)));
    await distribute(t, boss, [[p, 1000n], ...voters.map((v, i) => [v, BigInt(10 * (i + 1))] as [string, bigint])]);
    const { id } = await propose(p);
    await advance(t, DAY + 1);
    for (const v of voters) await vote(t, v, id, 'for');
    type VotePage = { data: Array<{ weight: string; voter: { id: string } }>; nextCursor: string | null };
    const first = await t.db.call<VotePage>('governance_votes', { id, sort: 'power', cursor: null, limit: 2 });
    expect(first.data.map((v) => v.weight)).toEqual([(50n * TRQ).toString(), (40n * TRQ).toString()]);
    const second = await t.db.call<VotePage>('governance_votes', { id, sort: 'power', cursor: first.nextCursor, limit: 2 });
    const third = await t.db.call<VotePage>('governance_votes', { id, sort: 'power', cursor: second.nextCursor, limit: 2 });
    expect([...second.data, ...third.data].map((v) => v.weight)).toEqual([30n, 20n, 10n].map((x) => (x * TRQ).toString()));
    expect(third.nextCursor).toBeNull();
    const recent = await t.db.call<VotePage>('governance_votes', { id, sort: 'recent', cursor: null, limit: 10 });
    expect(recent.data.map((v) => v.voter.id)).toEqual([...voters].reverse());
    await expect(t.db.call('governance_votes', { id, sort: 'power', cursor: 'abc', limit: 2 })).rejects.toMatchObject({ status: 400, field: 'cursor' });
    await expect(t.db.call('governance_votes', { id, sort: 'loud', cursor: null, limit: 2 })).rejects.toMatchObject({ status: 400, field: 'sort' });
    await expect(t.db.call('governance_votes', { id: 999999, sort: 'power', cursor: null, limit: 2 })).rejects.toMatchObject({ status: 404 });

    type DelegatePage = { data: Array<{ votes: string }>; nextCursor: string | null };
    const d1 = await t.db.call<DelegatePage>('governance_delegates', { cursor: null, limit: 3 });
    const d2 = await t.db.call<DelegatePage>('governance_delegates', { cursor: d1.nextCursor, limit: 3 });
    const powers = [...d1.data, ...d2.data].map((d) => BigInt(d.votes));
    expect(powers).toEqual([...powers].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    await expect(t.db.call('governance_delegates', { cursor: '1:x', limit: 3 })).rejects.toMatchObject({ status: 400, field: 'cursor' });
    await endVoting();
  });
});
