import { Keypair, nativeToScVal, StrKey, xdr } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvent, type RpcEvent } from '@/lib/stellar/events';
import { toEventRow } from '@/lib/indexer/event-row';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// TRQ on the soroban rail from the indexed events (supabase/routines/96_trq.sql:
// trq_chain_movements): an account's transfers in and out and mints, newest first, paged by
// cursor, as the chain indexer stored them from the trq contract's OpenZeppelin events.

const TRQ_ID = StrKey.encodeContract(Buffer.alloc(32, 0x54));
const [me, other, third] = [Keypair.random().publicKey(), Keypair.random().publicKey(), Keypair.random().publicKey()];
const topic = (v: xdr.ScVal) => v.toXDR('base64');
const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const addr = (a: string) => nativeToScVal(a, { type: 'address' });

let n = 0;
function event(ledger: number, action: 'transfer' | 'mint', parties: string[], amount: bigint): RpcEvent {
  n += 1;
  return {
    type: 'contract', id: `${String(ledger * 4096).padStart(19, '0')}-${String(n).padStart(10, '0')}`, ledger, ledgerClosedAt: `2027-01-15T08:00:${String(n).padStart(2, '0')}Z`,
    contractId: TRQ_ID, txHash: n.toString(16).padStart(64, '0'), inSuccessfulContractCall: true,
    topic: [topic(sym(action)), ...parties.map((p) => topic(addr(p)))], value: nativeToScVal(amount, { type: 'i128' }).toXDR('base64'),
  };
}

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase({ seed: false });
  const events = [
    event(100, 'mint', [me], 1_000n), event(101, 'transfer', [me, other], 300n), event(102, 'transfer', [other, third], 5n),
    event(103, 'transfer', [third, me], 40n), event(103, 'transfer', [me, third], 2n),
  ].map((e) => toEventRow(parseEvent(e, new Map([[TRQ_ID, 'trq']]))));
  await t.db.call('record_chain_events', { stream: 'test', events, cursor: events[events.length - 1].id, last_ledger: 103, latest_ledger: 103 });
});
afterAll(async () => { await t?.close(); });

interface Movement { direction: string; counterparty: string | null; amount: string; action: string; ledger: number }
const page = (address: string, cursor: string | null, limit: number) =>
  t.db.call<{ data: Movement[]; nextCursor: string | null }>('trq_chain_movements', { address, cursor, limit });

describe('trq_chain_movements', () => {
  it('lists an account\'s indexed TRQ transfers and mints newest first, by cursor', async () => {
    const first = await page(me, null, 2);
    expect(first.data.map((m) => [m.direction, m.counterparty, m.amount])).toEqual([['out', third, '2'], ['in', third, '40']]);
    const second = await page(me, first.nextCursor, 2);
    expect(second.data.map((m) => [m.action, m.direction, m.counterparty, m.amount])).toEqual([['transfer', 'out', other, '300'], ['mint', 'in', null, '1000']]);
    expect(second.nextCursor).toBeNull();
    expect((await page(other, null, 10)).data.map((m) => [m.direction, m.amount])).toEqual([['out', '5'], ['in', '300']]);
    await expect(page(me, 'nope', 2)).rejects.toMatchObject({ status: 400, field: 'cursor' });
    await expect(page('not-an-address', null, 2)).rejects.toMatchObject({ status: 400, field: 'address' });
  });
});
