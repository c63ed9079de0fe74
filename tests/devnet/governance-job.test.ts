import { Keypair } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Proposal } from '@/lib/governance/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';
import { admin, advance, DAY, distribute, holder, TRQ } from '@/tests/support/governance-fixtures';

// The governance job on the soroban rail follows the real governor (was
// tests/db/governance-chain-execution.test.ts on the TypeScript stand-in, which set the
// governor's answers by hand). Two parameter proposals are made on the devnet's governor with
// the calls and description the app derives from their rows, voted through by a TRQ holder,
// and the ledgers closed on demand past the governor's delay, voting period and timelock (720,
// 17,280, 8,640). The job queues the first once the governor says Succeeded, executes it once
// the timelock has passed, and applies its parameter then; the second is queued and executed
// by someone else, and the job applies it once the governor says Executed. Each is applied
// once, never on the app's own clock; a proposal the governor does not know is left alone.
// Having closed that many ledgers, the devnet then shows its retention window (17,280 ledgers,
// stellar-rpc's default): older transactions and events are no longer served.

const missing = devnetMissing('traqora_governor.wasm');
if (missing) console.warn(`skipping the governance job on the devnet: ${missing}`);

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));

let net: Devnet;
let t: TestDatabase;
/** The first propose transaction's hash and ledger (the second test looks for them after the window). */
let firstPropose: { hash: string; ledger: number } | undefined;

const parameter = async (key: string) => Number((await t.sql<{ value: string }>('select value from traqora.governed_parameters where key = $1', [key]))[0].value);
const executedAudits = async (id: number) => Number((await t.sql<{ n: string }>("select count(*) n from traqora.audit_log where action = 'proposal.executed' and resource_id = $1", [String(id)]))[0].n);

describe.skipIf(missing !== null)('the governance job on the devnet governor', () => {
  beforeAll(async () => {
    [net, t] = await Promise.all([startDevnet(), openTestDatabase({ seed: false })]);
    state.db = t.db;
    // the app's chain settings as the devnet hands them out (governor, TRQ, the server's key)
    for (const [k, v] of Object.entries(await net.appEnv())) if (k !== 'PAYMENT_RAIL') vi.stubEnv(k, v);
  }, 300_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await net?.stop();
    await t?.close();
  });

  it('queues, executes after the timelock and applies once; applies what someone else executed; leaves what the governor does not know', async () => {
    const { governanceJob } = await import('@/lib/governance/job');
    const { proposalOnChain } = await import('@/lib/governance/soroban/governor-keeper');
    const { invokeContract } = await import('@/lib/stellar/contracts/invoke');
    const { governor, VOTE } = await import('@/lib/stellar/contracts/governor');
    const { descriptionHash } = await import('@/lib/stellar/contracts/governor-hash');
    const { trq } = await import('@/lib/stellar/contracts/trq');
    const m = net.manifest;
    const chain = { rpcUrl: net.url, networkPassphrase: m.networkPassphrase };
    const gov = { ...chain, contractId: m.contracts.governor };

    // A holder with 6,000 TRQ delegated to itself: above the proposal threshold (1,000) and the quorum (5,000).
    const treasury = Keypair.fromSecret(m.accounts['trq-treasury'].secretSeed);
    const voter = Keypair.random();
    expect((await fetch(`${net.url}/friendbot?addr=${voter.publicKey()}`)).status).toBe(200);
    const trqTarget = { ...chain, contractId: m.contracts.trq };
    expect(await invokeContract(trq, trqTarget, treasury, 'transfer', trq.args.transfer(treasury.publicKey(), voter.publicKey(), 6_000n * TRQ))).toMatchObject({ outcome: 'success' });
    expect(await invokeContract(trq, trqTarget, voter, 'delegate', trq.args.delegate(voter.publicKey(), voter.publicKey()))).toMatchObject({ outcome: 'success' });
    await net.closeLedgers(2);

    // Three parameter proposals; the first two are proposed on the governor exactly as their rows say.
    const boss = await admin(t, 'Chain Job Admin');
    const author = await holder(t, 'Chain Job Proposer');
    await distribute(t, boss, [[author, 100_000n]]);
    const [fee, earn, expiry] = [await parameter('platform.fee_bps'), await parameter('loyalty.earn_points_per_usd'), await parameter('loyalty.points_expiry_months')];
    const create = async (title: string, key: string, value: number) => (await t.db.call<{ id: number }>('governance_create_proposal', {
      proposer: author, kind: 'parameter', title, body: 'Decided by the governor.', changes: [{ key, value }] })).id;
    const proposeOnChain = async (id: number) => {
      const row = await t.db.call<Proposal>('governance_proposal', { id, viewer: null });
      const { calls, description } = proposalOnChain(row, m.contracts.trq);
      const made = await invokeContract(governor, gov, voter, 'propose', governor.args.propose(calls, description, voter.publicKey()));
      if (made.outcome !== 'success') throw new Error(`propose: ${JSON.stringify(made)}`);
      const chainId = Buffer.from(made.result!).toString('hex');
      firstPropose ??= { hash: made.hash, ledger: made.response.ledger };
      await t.sql("update traqora.proposals set rail = 'soroban', chain_proposal_id = $2 where id = $1", [id, chainId]);
      return { id, chainId, calls, hash: descriptionHash(description) };
    };
    const byJob = await proposeOnChain(await create('Fee, kept by the job', 'platform.fee_bps', fee + 10));
    const byOther = await proposeOnChain(await create('Earn rate, executed by a holder', 'loyalty.earn_points_per_usd', earn + 1));
    const unknown = await create('Expiry, unknown to the governor', 'loyalty.points_expiry_months', expiry + 6);
    await t.sql("update traqora.proposals set rail = 'soroban', chain_proposal_id = $2 where id = $1", [unknown, 'ab'.repeat(32)]);
    await advance(t, 7 * DAY);   // the app's voting window is over; the governor's has not begun
    // On the soroban rail the app never queues or executes on its own clock.
    await expect(t.db.call('governance_queue', { actor: author, id: byJob.id })).rejects.toMatchObject({ status: 409, field: 'id' });
    await expect(t.db.call('governance_execute', { ctx: {}, id: byJob.id })).rejects.toMatchObject({ status: 409, field: 'id' });

    const nothing = { queued: [], executed: [], applied_from_chain: [], refused: [] };
    expect(await governanceJob()).toEqual(nothing);   // pending on the governor; the unknown one is a read error, logged

    await net.closeLedgers(721);
    for (const p of [byJob, byOther]) {
      expect(await invokeContract(governor, gov, voter, 'cast_vote', governor.args.cast_vote(p.chainId, VOTE.for, 'yes', voter.publicKey()))).toMatchObject({ outcome: 'success' });
    }
    expect(await governanceJob()).toEqual(nothing);   // active: nothing to send
    await net.closeLedgers(17_281);

    // Succeeded. A holder queues the second itself; the job queues the first.
    expect(await invokeContract(governor, gov, voter, 'queue', governor.args.queue(byOther.calls, byOther.hash, 0, voter.publicKey()))).toMatchObject({ outcome: 'success' });
    expect(await governanceJob()).toEqual({ ...nothing, queued: [byJob.id] });
    // The timelock is the governor's: nothing to execute before it, nothing applied.
    expect(await governanceJob()).toEqual(nothing);
    expect([await parameter('platform.fee_bps'), await parameter('loyalty.earn_points_per_usd')]).toEqual([fee, earn]);
    const queued = await t.db.call<Proposal>('governance_proposal', { id: byJob.id, viewer: null });
    expect(queued).toMatchObject({ state: 'queued', chain: { eta_ledger: expect.any(Number) } });

    await net.closeLedgers(8_641);
    // The holder executes the second; the job executes the first, and applies both.
    expect(await invokeContract(governor, gov, voter, 'execute', governor.args.execute(byOther.calls, byOther.hash, voter.publicKey()))).toMatchObject({ outcome: 'success' });
    expect(await governanceJob()).toEqual({ ...nothing, executed: [byJob.id], applied_from_chain: [byJob.id, byOther.id] });
    expect([await parameter('platform.fee_bps'), await parameter('loyalty.earn_points_per_usd'), await parameter('loyalty.points_expiry_months')]).toEqual([fee + 10, earn + 1, expiry]);
    for (const id of [byJob.id, byOther.id]) {
      expect(await t.db.call<Proposal>('governance_proposal', { id, viewer: null })).toMatchObject({ state: 'executed' });
    }
    const params = await t.db.call<Array<{ key: string; set_by_proposal: { id: number } | null }>>('governance_parameters', {});
    expect(params.find((x) => x.key === 'platform.fee_bps')?.set_by_proposal?.id).toBe(byJob.id);

    // Once: the job has nothing left, and applying again changes nothing.
    expect(await governanceJob()).toEqual(nothing);
    await expect(t.db.call('governance_apply_chain_execution', { ctx: {}, id: byOther.id })).resolves.toMatchObject({ state: 'executed' });
    expect(await parameter('loyalty.earn_points_per_usd')).toBe(earn + 1);
    expect([await executedAudits(byJob.id), await executedAudits(byOther.id), await executedAudits(unknown)]).toEqual([1, 1, 0]);
  }, 600_000);

  it('serves transactions and events for its retention window only, as stellar-rpc does', async () => {
    // The first test closed some 27,000 ledgers: the proposals' transactions are older than the window.
    expect(firstPropose).toBeDefined();
    const health = await net.server.getHealth();
    expect(health).toMatchObject({ status: 'healthy', ledgerRetentionWindow: 17_280, oldestLedger: health.latestLedger - 17_280 });
    expect(firstPropose!.ledger).toBeLessThan(health.oldestLedger);
    expect((await net.server.getTransaction(firstPropose!.hash)).status).toBe('NOT_FOUND');
    const governor = [{ type: 'contract' as const, contractIds: [net.manifest.contracts.governor] }];
    await expect(net.server.getEvents({ startLedger: firstPropose!.ledger, filters: governor })).rejects.toThrow(/startLedger must be between the oldest ledger/);
    // Within it: the executions, the last things the governor did. The devnet closes a ledger every
    // 250 ms, so the window may have moved on since getHealth: start a little inside it, as a
    // client of stellar-rpc must (the window's first ledger can be gone by the next request).
    const recent = await net.server.getEvents({ startLedger: health.oldestLedger + 100, filters: governor, limit: 100 });
    expect(recent.events.length).toBeGreaterThan(0);
    expect(recent.events.every((e) => e.ledger >= health.oldestLedger)).toBe(true);
  });
});
