import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { account, admin, advance, DAY, distribute, holder, TRQ, vote } from '@/tests/support/governance-fixtures';

// Staked TRQ keeps its governance power (supabase/routines/96_trq.sql: trq_stake, trq_unstake,
// trq_slash). A juror's stake sits in the jury pool, yet it still counts towards its owner's voting
// power (Kleros-style); only a slash takes power away, from then on. A proposal's snapshot keeps
// the power it read: unstaking or a slash after it changes nothing there.

let t: TestDatabase;
let boss: string;
beforeAll(async () => {
  t = await openTestDatabase();
  boss = await admin(t, 'Stake Admin');
});
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(await t.db.call('trq_balance_check')).toMatchObject({ ok: true, bad_accounts: 0 }); });

const units = (trq: bigint) => (trq * TRQ).toString();
const stake = (h: string, pool: string, trq: bigint) => t.db.call<{ balance: string; votes: string; staked: string }>('trq_stake', { holder: h, pool, amount: units(trq), memo: 'Juror stake' });
const unstake = (pool: string, h: string, trq: bigint) => t.db.call<{ balance: string; votes: string; staked: string }>('trq_unstake', { pool, holder: h, amount: units(trq), memo: null });
const slash = (pool: string, h: string, trq: bigint) => t.db.call<{ votes: string; staked: string }>('trq_slash', { pool, holder: h, amount: units(trq) });

async function proposal(proposer: string, title: string): Promise<number> {
  return (await t.db.call<{ id: number }>('governance_create_proposal', { proposer, kind: 'signal', title, body: '', changes: null })).id;
}

describe('staked TRQ and voting power', () => {
  it('a stake still votes: power at the snapshot includes it; unstake and slash after the snapshot change nothing there', async () => {
    const pool = await holder(t, 'Stake Pool One');
    const [juror, proposer] = [await holder(t, 'Staking Juror'), await holder(t, 'Stake Proposer')];
    await distribute(t, boss, [[juror, 1_000n], [proposer, 5_000n]]);

    const after = await stake(juror, pool, 300n);
    expect(after).toMatchObject({ balance: units(700n), staked: units(300n), votes: units(1_000n) });
    expect(await account(t, pool)).toMatchObject({ balance: units(300n), votes: '0' });   // a pool votes with nothing

    const first = await proposal(proposer, 'Snapshot with a stake');
    await advance(t, 1 * DAY + 60);   // voting opens: the snapshot is read
    expect(await vote(t, juror, first, 'for')).toMatchObject({ weight: units(1_000n) });

    // after the snapshot: half the stake comes back, 100 is slashed
    expect(await unstake(pool, juror, 150n)).toMatchObject({ balance: units(850n), staked: units(150n), votes: units(1_000n) });
    expect(await slash(pool, juror, 100n)).toMatchObject({ staked: units(50n), votes: units(900n) });
    expect(await account(t, pool)).toMatchObject({ balance: units(150n), votes: '0' });

    const p = await t.db.call<{ tally: { for: string } }>('governance_proposal', { id: first, viewer: juror });
    expect(p.tally.for).toBe(units(1_000n));   // counted at the snapshot, before the slash
    const later = await proposal(proposer, 'Snapshot after the slash');
    await advance(t, 1 * DAY + 60);
    expect(await vote(t, juror, later, 'against')).toMatchObject({ weight: units(900n) });
    await advance(t, 5 * DAY);
  });

  it('delegation carries the stake; the pool pays out only its free (slashed) part, and nobody delegates to a pool', async () => {
    const pool = await holder(t, 'Stake Pool Two');
    const [a, d, other] = [await holder(t, 'Staker A'), await holder(t, 'Delegate D'), await holder(t, 'Other Holder')];
    await distribute(t, boss, [[a, 400n], [other, 10n]]);
    await stake(a, pool, 100n);
    await t.db.call('trq_delegate', { holder: a, delegate: d });
    expect(await account(t, d)).toMatchObject({ votes: units(400n) });   // 300 balance + 100 staked
    await slash(pool, a, 40n);
    expect(await account(t, d)).toMatchObject({ votes: units(360n) });

    // the free part (the 40 slashed) may be paid as a reward; the stakes may not leave that way
    await expect(t.db.call('trq_transfer', { from: pool, to: other, amount: units(41n), memo: 'Juror reward' })).rejects.toMatchObject({ status: 409, field: 'amount' });
    await t.db.call('trq_transfer', { from: pool, to: other, amount: units(40n), memo: 'Juror reward' });
    expect(await account(t, other)).toMatchObject({ balance: units(50n), votes: units(50n) });

    await expect(unstake(pool, a, 61n)).rejects.toMatchObject({ status: 409, field: 'amount' });
    await expect(slash(pool, a, 61n)).rejects.toMatchObject({ status: 409, field: 'amount' });
    await expect(t.db.call('trq_delegate', { holder: other, delegate: pool })).rejects.toMatchObject({ status: 422, field: 'delegate' });
    await expect(t.db.call('trq_delegate', { holder: pool, delegate: other })).rejects.toMatchObject({ status: 403, field: 'holder' });
    await expect(stake(a, a, 1n)).rejects.toMatchObject({ status: 422, field: 'pool' });
    await expect(stake(a, d, 1n)).rejects.toMatchObject({ status: 409, field: 'pool' });   // d is delegated to: not a pool
    await expect(stake(a, pool, 301n)).rejects.toMatchObject({ status: 409, field: 'amount' });

    await unstake(pool, a, 60n);
    expect(await account(t, a)).toMatchObject({ balance: units(360n), staked: '0' });
    expect(await account(t, d)).toMatchObject({ votes: units(360n) });
    expect(await account(t, pool)).toMatchObject({ balance: '0', votes: '0' });
  });

  it('a pool made of an account that held TRQ stops voting with it, and a stake made by a plain transfer before comes back with its power', async () => {
    const pool = await holder(t, 'Stake Pool Three');
    const [old, fresh] = [await holder(t, 'Legacy Staker'), await holder(t, 'Fresh Staker')];
    await distribute(t, boss, [[old, 100n], [fresh, 100n]]);
    await t.db.call('trq_transfer', { from: old, to: pool, amount: units(30n), memo: 'Juror stake' });   // how stakes were made before
    expect(await account(t, pool)).toMatchObject({ votes: units(30n) });
    await stake(fresh, pool, 20n);   // the first stake makes it a pool
    expect(await account(t, pool)).toMatchObject({ balance: units(50n), votes: '0' });
    expect(await unstake(pool, old, 30n)).toMatchObject({ balance: units(100n), votes: units(100n), staked: '0' });
    expect(await account(t, fresh)).toMatchObject({ votes: units(100n), staked: units(20n) });
  });
});
