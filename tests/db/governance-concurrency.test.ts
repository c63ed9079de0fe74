import { Keypair } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { account, admin, adminCtx, advance, DAY, distribute, holder, signedVote, TRQ } from '@/tests/support/governance-fixtures';

// Races only a PostgreSQL server can stage (a pool of 20 connections): one account voting 20 times
// at once, TRQ moving both ways between holders while they re-delegate, and ten executions of one
// queued proposal. CI always runs this (TEST_DATABASE_URL).
const onServer = process.env.DB_TARGET === 'postgres';

describe.skipIf(!onServer)('governance under concurrency (PostgreSQL)', () => {
  let t: TestDatabase;
  let boss: string;
  beforeAll(async () => {
    t = await openTestDatabase({ poolSize: 20 });
    boss = await admin(t);
  });
  afterAll(async () => { await t?.close(); });

  it('counts one of 20 simultaneous votes by the same account, with its weight once', async () => {
    const [p, v] = [await holder(t, 'Race Proposer'), await holder(t, 'Race Voter')];
    await distribute(t, boss, [[p, 2000n], [v, 70n]]);
    const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: p, kind: 'signal', title: 'Race', body: '', changes: null });
    await advance(t, DAY + 1);
    const kp = Keypair.random();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
      t.db.call('governance_cast_vote', { voter: v, id, support: i % 2 ? 'for' : 'against', reason: null, ...signedVote(kp, id, 'for') })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.status)).toEqual(Array(19).fill(409));
    const tally = await t.db.call<{ running: { for: string; against: string; voters: number } }>('governance_tally_check', { id });
    expect(BigInt(tally.running.for) + BigInt(tally.running.against)).toBe(70n * TRQ);
    expect(tally.running.voters).toBe(1);
  });

  it('conserves TRQ and keeps power equal to delegated balances while transfers cross and delegates change', async () => {
    const hs = await Promise.all(['Ring A', 'Ring B', 'Ring C', 'Ring D'].map((n) => holder(t, n)));
    await distribute(t, boss, hs.map((h) => [h, 100n] as [string, bigint]));
    const before = await t.db.call<{ circulating: string }>('trq_balance_check');
    const ops = Array.from({ length: 80 }, (_, i) => {
      const from = hs[i % 4], to = hs[(i + 1 + (i % 3)) % 4];
      if (i % 10 === 0) return t.db.call('trq_delegate', { holder: from, delegate: i % 20 === 0 ? to : null });
      return t.db.call('trq_transfer', { from, to, amount: (BigInt(1 + (i % 7)) * TRQ).toString(), memo: null });
    });
    const settled = await Promise.allSettled(ops);
    // only "insufficient balance" may refuse a transfer; nothing deadlocks or breaks
    for (const r of settled) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409, field: 'amount' });
    expect(await t.db.call('trq_balance_check')).toMatchObject({ ok: true, bad_accounts: 0, circulating: before.circulating });
    const total = (await Promise.all(hs.map((h) => account(t, h)))).reduce((s, a) => s + BigInt(a.balance), 0n);
    expect(total).toBe(400n * TRQ);
  });

  it('never overspends when 20 transfers from one holder race, and answers 20 racing retries of one key once', async () => {
    const [from, to] = [await holder(t, 'Spender'), await holder(t, 'Payee')];
    await distribute(t, boss, [[from, 100n]]);
    const hash = (c: string) => c.repeat(64);
    // 20 × 7 TRQ asked of 100: exactly 14 fit
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => t.db.call('trq_send', {
      from, to, amount: (7n * TRQ).toString(), memo: null, idempotency_key: `spend-key-${i}`, request_hash: hash('a') })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(14);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409, field: 'amount' });
    expect((await account(t, from)).balance).toBe((2n * TRQ).toString());
    expect((await account(t, to)).balance).toBe((98n * TRQ).toString());

    const retries = await Promise.all(Array.from({ length: 20 }, () => t.db.call<{ replayed: boolean; transfer: { id: string } }>('trq_send', {
      from: to, to: from, amount: (1n * TRQ).toString(), memo: null, idempotency_key: 'retry-key-1', request_hash: hash('b') })));
    expect(retries.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(retries.map((r) => r.transfer.id)).size).toBe(1);
    expect((await account(t, to)).balance).toBe((97n * TRQ).toString());
    expect(await t.db.call('trq_balance_check')).toMatchObject({ ok: true, bad_accounts: 0 });
  });

  it('executes a queued proposal once when ten executions race, setting the parameter once', async () => {
    const p = await holder(t, 'Exec Racer');
    const c0 = BigInt((await t.db.call<{ circulating: string }>('trq_treasury_summary', {})).circulating);
    await t.db.call('trq_distribute', { ctx: adminCtx(boss), reason: 'exec race', recipients: [{ user_id: p, amount: (c0 + 1000n * TRQ).toString() }] });
    const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: p, kind: 'parameter', title: 'Fee 2.6%', body: '',
      changes: [{ key: 'platform.fee_bps', value: 260 }] });
    await advance(t, DAY + 1);
    await t.db.call('governance_cast_vote', { voter: p, id, support: 'for', reason: null, ...signedVote(Keypair.random(), id, 'for') });
    await advance(t, 6 * DAY);
    await t.db.call('governance_queue', { actor: null, id });
    await advance(t, 2 * DAY + 60);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => t.db.call('governance_execute', { ctx: {}, id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await t.sql("select count(*)::int as n from traqora.parameter_changes where source_ref = $1", [`proposal:${id}`])).toEqual([{ n: 1 }]);
    expect(await t.sql("select count(*)::int as n from traqora.domain_events where type = 'proposal.executed' and aggregate_id = $1", [String(id)])).toEqual([{ n: 1 }]);
  });
});
