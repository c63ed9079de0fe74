import { Keypair, Networks, StrKey } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { admin, advance, DAY, distribute, holder } from '@/tests/support/governance-fixtures';
import { startSorobanRpcStandIn, type SorobanRpcStandIn } from '@/tests/support/soroban-rpc-stand-in';

// A soroban-rail parameter proposal executes through the governor contract: the app never queues
// or executes it on its own clock, and the governance job applies its parameters only once the
// governor (the RPC stand-in's, read by simulation with the spec) reports it Executed — once.

const GOVERNOR = StrKey.encodeContract(Buffer.alloc(32, 0x71));
const TRQ_ID = StrKey.encodeContract(Buffer.alloc(32, 0x73));
const state = vi.hoisted(() => ({ db: undefined as unknown, rpcUrl: '' }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/stellar/chain-config', () => ({
  chainConfig: () => ({ configured: true, rpcUrl: state.rpcUrl, allowHttp: true, networkPassphrase: 'Test SDF Network ; September 2015',
    contracts: new Map([[GOVERNOR, 'governor'], [TRQ_ID, 'trq']]), contractId: (n: string) => (n === 'governor' ? GOVERNOR : n === 'trq' ? TRQ_ID : undefined) }),
}));

let t: TestDatabase;
let standIn: SorobanRpcStandIn;
let boss: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: false });
  state.db = t.db;
  boss = await admin(t, 'Chain Exec Admin');
  const platform = Keypair.random().publicKey();
  standIn = await startSorobanRpcStandIn({ networkPassphrase: Networks.TESTNET, escrowContractId: StrKey.encodeContract(Buffer.alloc(32, 0x72)),
    quoteSigner: platform, settler: platform, governor: { contractId: GOVERNOR } });
  state.rpcUrl = standIn.url;
});
afterAll(async () => { await standIn?.close(); await t?.close(); });

const fee = async () => Number((await t.sql<{ value: string }>("select value from traqora.governed_parameters where key = 'platform.fee_bps'"))[0].value);

describe('soroban-rail execution', () => {
  it('waits for the governor: not queued or executed here, applied once the chain says Executed, once', async () => {
    const { governanceJob } = await import('@/lib/governance/job');
    const p = await holder(t, 'Chain Exec Proposer');
    await distribute(t, boss, [[p, 100_000n]]);
    const before = await fee();
    const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: p, kind: 'parameter', title: 'Fee via the governor', body: '',
      changes: [{ key: 'platform.fee_bps', value: before + 10 }] });
    const chainId = '7a'.repeat(32);
    await t.sql("update traqora.proposals set rail = 'soroban', chain_proposal_id = $2 where id = $1", [id, chainId]);
    await advance(t, 7 * DAY);   // voting over (no votes here: the chain's tally is the one that counts)

    await expect(t.db.call('governance_queue', { actor: p, id })).rejects.toMatchObject({ status: 409, field: 'id' });
    await expect(t.db.call('governance_execute', { ctx: {}, id })).rejects.toMatchObject({ status: 409, field: 'id' });

    // the governor does not know it yet (a read error), then reports it Queued: nothing changes
    expect(await governanceJob()).toMatchObject({ applied_from_chain: [], queued: [], executed: [] });
    standIn.governor!.add({ id: chainId, votingPower: {}, state: 5 });
    expect(await governanceJob()).toMatchObject({ applied_from_chain: [] });
    expect(await fee()).toBe(before);

    standIn.governor!.add({ id: chainId, votingPower: {}, state: 7 });
    expect(await governanceJob()).toMatchObject({ applied_from_chain: [id] });
    expect(await fee()).toBe(before + 10);
    const proposal = await t.db.call<{ state: string }>('governance_proposal', { id, viewer: null });
    expect(proposal.state).toBe('executed');
    const params = await t.db.call<Array<{ key: string; set_by_proposal: { id: number } | null }>>('governance_parameters', {});
    expect(params.find((x) => x.key === 'platform.fee_bps')?.set_by_proposal?.id).toBe(id);
    expect(await governanceJob()).toMatchObject({ applied_from_chain: [] });   // done: no longer due
    await expect(t.db.call('governance_apply_chain_execution', { ctx: {}, id })).resolves.toMatchObject({ state: 'executed' });
    expect(await fee()).toBe(before + 10);
    const audits = await t.sql<{ n: string }>("select count(*) n from traqora.audit_log where action = 'proposal.executed' and resource_id = $1", [String(id)]);
    expect(Number(audits[0].n)).toBe(1);
  });

  it('refuses to apply a ledger-rail proposal from the chain', async () => {
    const p = await holder(t, 'Ledger Exec Proposer');
    await distribute(t, boss, [[p, 100_000n]]);
    const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: p, kind: 'parameter', title: 'Fee on the ledger', body: '',
      changes: [{ key: 'platform.fee_bps', value: 260 }] });
    await expect(t.db.call('governance_apply_chain_execution', { ctx: {}, id })).rejects.toMatchObject({ status: 409, field: 'id' });
    await advance(t, 7 * DAY);
  });
});
