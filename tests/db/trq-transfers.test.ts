import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { account, admin, advance, DAY, distribute, holder, TRQ } from '@/tests/support/governance-fixtures';

// TRQ transfers from the API (supabase/routines/96_trq.sql: trq_send, trq_movements_of): the
// Idempotency-Key answers a retry with the transfer it made, the history pages by cursor, and the
// power checkpoints a proposal reads at its snapshot follow transfers made before it, not after.

let t: TestDatabase;
let boss: string;
beforeAll(async () => {
  t = await openTestDatabase();
  boss = await admin(t, 'Transfer Admin');
});
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(await t.db.call('trq_balance_check')).toMatchObject({ ok: true, bad_accounts: 0 }); });

interface Sent { transfer: { id: string; direction: string; amount: string; counterparty: { id: string } | null; memo: string | null }; account: { balance: string }; replayed: boolean }
const hash = (c: string) => c.repeat(64);
const send = (from: string, to: string, trq: bigint, key: string, h = hash('a'), memo: string | null = null) =>
  t.db.call<Sent>('trq_send', { from, to, amount: (trq * TRQ).toString(), memo, idempotency_key: key, request_hash: h });

describe('trq_send', () => {
  it('moves TRQ once per Idempotency-Key, refuses the key with another request, and refuses overspending naming amount', async () => {
    const [a, b] = [await holder(t, 'Idem Sender'), await holder(t, 'Idem Receiver')];
    await distribute(t, boss, [[a, 100n]]);
    const first = await send(a, b, 30n, 'key-00000001', hash('a'), 'thanks');
    expect(first).toMatchObject({ replayed: false, account: { balance: (70n * TRQ).toString() },
      transfer: { direction: 'out', amount: (30n * TRQ).toString(), counterparty: { id: b }, memo: 'thanks' } });
    const again = await send(a, b, 30n, 'key-00000001', hash('a'), 'thanks');
    expect(again).toMatchObject({ replayed: true, transfer: { id: first.transfer.id } });
    expect((await account(t, a)).balance).toBe((70n * TRQ).toString());
    expect((await account(t, b)).balance).toBe((30n * TRQ).toString());
    await expect(send(a, b, 31n, 'key-00000001', hash('b'))).rejects.toMatchObject({ status: 422, field: 'Idempotency-Key' });
    // the same key from another sender is that sender's own key
    await expect(send(b, a, 31n, 'key-00000001', hash('a'))).rejects.toMatchObject({ status: 409, field: 'amount' });
    await expect(send(a, b, 71n, 'key-00000002')).rejects.toMatchObject({ status: 409, field: 'amount' });
    await expect(send(a, '00000000-0000-0000-0000-000000000000', 1n, 'key-00000003')).rejects.toMatchObject({ status: 404, field: 'to' });
    await expect(send(a, a, 1n, 'key-00000004')).rejects.toMatchObject({ status: 422, field: 'to' });
    await expect(t.db.call('trq_send', { from: a, to: b, amount: '0', memo: null, idempotency_key: 'key-00000005', request_hash: hash('c') }))
      .rejects.toMatchObject({ status: 422, field: 'amount' });
    // a refused transfer leaves its key unused: the next attempt with it can succeed
    const later = await send(a, b, 70n, 'key-00000002');
    expect(later.account.balance).toBe('0');
    const events = await t.sql<{ n: string }>("select count(*) n from traqora.domain_events where type = 'trq.transferred' and payload ->> 'from' = $1", [a]);
    expect(Number(events[0].n)).toBe(2);
  });

  it('lists a holder\'s movements both ways, newest first, by cursor', async () => {
    const [a, b] = [await holder(t, 'History A'), await holder(t, 'History B')];
    await distribute(t, boss, [[a, 50n], [b, 50n]]);
    for (let i = 0; i < 5; i++) await send(i % 2 ? b : a, i % 2 ? a : b, BigInt(i + 1), `hist-key-${i}`);
    type Row = { id: string; kind: string; direction: string; amount: string; counterparty: { id: string } | null };
    const p1 = await t.db.call<{ data: Row[]; nextCursor: string | null }>('trq_movements_of', { holder: a, cursor: null, limit: 4 });
    expect(p1.data.map((r) => [r.direction, BigInt(r.amount) / TRQ])).toEqual([['out', 5n], ['in', 4n], ['out', 3n], ['in', 2n]]);
    expect(p1.nextCursor).toBe(p1.data[3].id);
    const p2 = await t.db.call<{ data: Row[]; nextCursor: string | null }>('trq_movements_of', { holder: a, cursor: p1.nextCursor, limit: 4 });
    expect(p2.data.map((r) => [r.kind, r.direction, BigInt(r.amount) / TRQ])).toEqual([['transfer', 'out', 1n], ['distribution', 'in', 50n]]);
    expect(p2.data[1].counterparty).toBeNull();   // the treasury
    expect(p2.nextCursor).toBeNull();
  });

  it('moves voting power with the balance: a proposal counts transfers before its snapshot, not after', async () => {
    const [p, a, b] = [await holder(t, 'Snap Proposer'), await holder(t, 'Snap A'), await holder(t, 'Snap B')];
    await distribute(t, boss, [[p, 2000n], [a, 100n], [b, 100n]]);
    await send(a, b, 40n, 'snap-key-01');                        // before the snapshot: counts
    const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: p, kind: 'signal', title: 'Snapshot', body: '', changes: null });
    await advance(t, DAY + 1);                                   // voting opens: the snapshot has passed
    await send(b, a, 140n, 'snap-key-02');                       // after it: changes nothing for this proposal
    const power = async (who: string) => (await t.db.call<{ viewer: { power_at_snapshot: string } }>('governance_proposal', { id, viewer: who })).viewer.power_at_snapshot;
    expect(await power(a)).toBe((60n * TRQ).toString());
    expect(await power(b)).toBe((140n * TRQ).toString());
    expect((await account(t, a)).votes).toBe((200n * TRQ).toString());
    await advance(t, 7 * DAY);
  });
});
