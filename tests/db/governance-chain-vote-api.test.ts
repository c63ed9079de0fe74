import { Account, Contract, Keypair, nativeToScVal, Networks, rpc, StrKey, TransactionBuilder } from '@stellar/stellar-sdk';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { governor, VOTE } from '@/lib/stellar/contracts/governor';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { admin, advance, DAY, distribute, TRQ } from '@/tests/support/governance-fixtures';

// POST /api/v1/governance/proposals/{id}/votes/chain through the route handler: RPC (answered here
// with real stellar-sdk transactions built from the governor's spec) decides — 202 while it has not
// seen the hash, 422 naming tx_hash for a transaction that is not this vote, 201 with the weight
// the governor returned, once; the wallet must be the viewer's.

const GOVERNOR = StrKey.encodeContract(Buffer.alloc(32, 3));
const CHAIN_ID = 'cd'.repeat(32);
const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown, txs: new Map<string, unknown>() }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));
vi.mock('@/lib/stellar/chain-config', () => ({
  chainConfig: () => ({ configured: true, rpcUrl: 'http://127.0.0.1:1', allowHttp: true, networkPassphrase: 'Test SDF Network ; September 2015',
    contracts: new Map([[GOVERNOR, 'governor']]), contractId: (n: string) => (n === 'governor' ? GOVERNOR : undefined) }),
}));
vi.mock('@/lib/stellar/rpc', () => ({
  rpcServer: () => ({ getTransaction: async (hash: string) => state.txs.get(hash) ?? { status: 'NOT_FOUND' } }),
}));

let t: TestDatabase;
let me: Viewer;
const wallet = Keypair.random();
let proposal: number;
beforeAll(async () => {
  t = await openTestDatabase({ seed: false });
  state.db = t.db;
  const row = await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'traveller', name: 'Chain Voter' });
  await t.sql('insert into traqora.wallets (address, user_id) values ($1, $2)', [wallet.publicKey(), row.id]);
  me = { ...row, wallets: [wallet.publicKey()], source: 'dev' };
  await distribute(t, await admin(t, 'Chain Api Admin'), [[me.id, 2000n]]);
  ({ id: proposal } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: me.id, kind: 'signal', title: 'On chain', body: '', changes: null }));
  await t.sql("update traqora.proposals set rail = 'soroban', chain_proposal_id = $2 where id = $1", [proposal, CHAIN_ID]);
  await advance(t, DAY + 1);
});
afterAll(async () => { await t?.close(); });

function sent(hash: string, opts: { id?: string; weight?: bigint } = {}) {
  const args = governor.encode('cast_vote', governor.args.cast_vote(opts.id ?? CHAIN_ID, VOTE.for, 'Yes', wallet.publicKey()));
  const tx = new TransactionBuilder(new Account(wallet.publicKey(), '7'), { fee: '100', networkPassphrase: Networks.TESTNET })
    .addOperation(new Contract(GOVERNOR).call('cast_vote', ...args)).setTimeout(60).build();
  tx.sign(wallet);
  state.txs.set(hash, { status: rpc.Api.GetTransactionStatus.SUCCESS, ledger: 900, createdAt: 1_796_000_000, envelopeXdr: tx.toEnvelope(),
    returnValue: nativeToScVal(opts.weight ?? 1234n * TRQ, { type: 'u128' }) });
}

type Route = Record<string, (req: NextRequest, ctx?: unknown) => Promise<Response>>;
async function report(body: unknown, id = proposal) {
  state.viewer = me;
  const mod = (await import('@/app/api/v1/governance/proposals/[id]/votes/chain/route')) as unknown as Route;
  const req = new NextRequest(new URL(`/api/v1/governance/proposals/${id}/votes/chain`, 'http://t.test'), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return mod.POST(req, { params: Promise.resolve({ id: String(id) }) });
}
const field = async (res: Response) => ((await res.json()) as { errors: Array<{ field: string }> }).errors[0].field;

describe('on-chain vote confirmation API', () => {
  it('answers 202 until RPC has the transaction, refuses another proposal\'s vote, then counts the governor\'s weight once', async () => {
    const hash = 'a1'.repeat(32);
    expect((await report({ tx_hash: hash, address: wallet.publicKey() })).status).toBe(202);
    sent('b2'.repeat(32), { id: 'ee'.repeat(32) });
    const other = await report({ tx_hash: 'b2'.repeat(32), address: wallet.publicKey() });
    expect([other.status, await field(other)]).toEqual([422, 'tx_hash']);
    sent(hash);
    const res = await report({ tx_hash: hash.toUpperCase(), address: wallet.publicKey() });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ scheme: 'soroban', tx_hash: hash, weight: (1234n * TRQ).toString(), support: 'for', reason: 'Yes' });
    expect((await report({ tx_hash: hash, address: wallet.publicKey() })).status).toBe(201);   // reported again: the same vote
    const tally = await t.db.call<{ running: { for: string; voters: number } }>('governance_tally_check', { id: proposal });
    expect(tally.running).toMatchObject({ for: (1234n * TRQ).toString(), voters: 1 });
  });

  it('refuses a wallet that is not the viewer\'s, bad hashes, and ledger-rail proposals, naming the field', async () => {
    const notMine = await report({ tx_hash: 'c3'.repeat(32), address: Keypair.random().publicKey() });
    expect([notMine.status, await field(notMine)]).toEqual([403, 'address']);
    const bad = await report({ tx_hash: 'xyz', address: wallet.publicKey() });
    expect([bad.status, await field(bad)]).toEqual([400, 'body.tx_hash']);
    const { id: ledger } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: me.id, kind: 'signal', title: 'Off chain', body: '', changes: null });
    const off = await report({ tx_hash: 'c3'.repeat(32), address: wallet.publicKey() }, ledger);
    expect([off.status, await field(off)]).toEqual([409, 'id']);
  });
});
