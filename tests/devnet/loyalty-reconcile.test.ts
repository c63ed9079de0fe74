import { Keypair } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileLoyaltyChain } from '@/lib/loyalty/chain-reconcile';
import { syncLoyaltyToChain, type ChainSyncDeps } from '@/lib/loyalty/chain-sync';
import { invokeContract } from '@/lib/stellar/contracts/invoke';
import { loyalty, TIER } from '@/lib/stellar/contracts/loyalty';
import { readContract } from '@/lib/stellar/contracts/read';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { traveller } from '@/tests/support/booking-fixtures';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';
import { adjustPoints, chainSync, linkWallet, runLoyaltyChain } from '@/tests/support/loyalty-chain-fixtures';

// The reconciliation of the loyalty mirror against the real host: members synced by the app's job
// to the devnet's loyalty contract, then made to disagree on purpose — the engine changed with its
// event lost (the chain keeps the old points), and another syncer writing the chain directly
// with a higher sync_seq. The run (lib/loyalty/chain-reconcile.ts) reads each record back with
// get_member through rpc.Server and the report names exactly those two with both sides; the
// admin's re-queue and one sync job put the chain back in step, which the next run confirms.

const missing = devnetMissing('traqora_loyalty.wasm');
if (missing) console.warn(`skipping the loyalty reconciliation devnet tests: ${missing}`);

type Report = { run: { id: number; status: string; checked: number; in_step: number; in_flight: number; mismatched: number } | null;
  data: { member_id: string; kinds: string[]; engine: { points: number; tier: string; version: number }; chain: { points: number; tier: string; sync_seq: number } | null }[] };

describe.skipIf(missing !== null)('reconciling the loyalty mirror on the devnet', () => {
  let net: Devnet;
  let t: TestDatabase;
  let admin: string;
  let deps: ChainSyncDeps;
  const onChain = (address: string) => readContract(loyalty, deps.target, 'get_member', loyalty.args.get_member(address));
  const report = () => t.db.call<Report>('loyalty_chain_reconciliation', { run_id: null, after_member: null, limit: 50 });

  beforeAll(async () => {
    [net, t] = await Promise.all([startDevnet(), openTestDatabase({ seed: false })]);
    admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Reconcile admin' })).id;
    deps = {
      database: t.db,
      target: { rpcUrl: net.url, networkPassphrase: net.manifest.networkPassphrase, contractId: net.manifest.contracts.loyalty },
      syncer: Keypair.fromSecret(net.manifest.accounts.syncer.secretSeed),
      waitMs: 20_000,
    };
  }, 300_000);
  afterAll(async () => {
    await net?.stop();
    await t?.close();
  });

  async function member(name: string, points: number) {
    const user = await traveller(t, name);
    const address = await linkWallet(t, user);
    await adjustPoints(t, admin, user, points);
    return { user, address };
  }

  it('finds the members whose on-chain record disagrees, with both sides; a re-queue puts them back in step', async () => {
    const ok = await member('Ok Reconcile', 400);
    const lost = await member('Lost Reconcile', 1000);
    const overwritten = await member('Overwritten Reconcile', 600);
    await runLoyaltyChain(t);
    expect(await syncLoyaltyToChain(deps)).toMatchObject({ confirmed: 3 });

    // all in step first
    const clean = await reconcileLoyaltyChain({ database: t.db, target: deps.target, source: 'job' });
    expect(clean).toMatchObject({ status: 'done', checked: 3, in_step: 3, in_flight: 0, mismatched: 0 });

    // deliberate mismatches: an adjustment whose event never reached the chain consumer, and a
    // write to the contract by the syncer outside this database (sync_seq 9, other points and tier)
    await adjustPoints(t, admin, lost.user, -250);
    await t.sql("update traqora.event_consumers set last_event_id = (select max(id) from traqora.domain_events) where name = 'loyalty-chain'");
    const foreign = await invokeContract(loyalty, deps.target, deps.syncer, 'batch_sync_members',
      loyalty.args.batch_sync_members(deps.syncer.publicKey(), [{ member: overwritten.address, points: 5n, tier: 'gold', syncSeq: 9n }]), { waitMs: 20_000 });
    expect(foreign).toMatchObject({ outcome: 'success', result: [{ error: 0 }] });

    const run = await reconcileLoyaltyChain({ database: t.db, target: deps.target, source: 'admin' });
    expect(run).toMatchObject({ status: 'done', checked: 3, in_step: 1, mismatched: 2 });
    const r = await report();
    expect(r.run?.id).toBe(run.id);
    const byMember = Object.fromEntries(r.data.map((x) => [x.member_id, x]));
    expect(Object.keys(byMember).sort()).toEqual([lost.user, overwritten.user].sort());
    expect(byMember[lost.user]).toMatchObject({ kinds: ['points'], engine: { points: 750, tier: 'blue', version: 1 }, chain: { points: 1000, tier: 'blue', sync_seq: 1 } });
    expect(byMember[overwritten.user]).toMatchObject({ kinds: ['chain_ahead', 'points', 'tier'], engine: { points: 600, tier: 'blue', version: 1 }, chain: { points: 5, tier: 'gold', sync_seq: 9 } });
    expect(byMember[ok.user]).toBeUndefined();

    // the admin re-queues both (audited); the sync job sends the engine's state above the chain's sync_seq
    for (const m of [lost, overwritten]) {
      await t.db.call('requeue_loyalty_chain_sync', { ctx: { actor: admin, role: 'admin', reason: 'reconciliation', ip: null, request_id: `requeue-${m.user}` }, run_id: run.id, member_id: m.user });
    }
    expect(await syncLoyaltyToChain(deps)).toMatchObject({ confirmed: 2, failed: 0 });
    expect(await onChain(lost.address)).toMatchObject({ points: 750n, tier: TIER.member, sync_seq: 2n });
    expect(await onChain(overwritten.address)).toMatchObject({ points: 600n, tier: TIER.member, sync_seq: 10n });
    expect(await chainSync(t, overwritten.user)).toMatchObject({ status: 'confirmed', version: 10, synced_version: 10 });

    const after = await reconcileLoyaltyChain({ database: t.db, target: deps.target, source: 'job' });
    expect(after).toMatchObject({ status: 'done', checked: 3, in_step: 3, mismatched: 0 });
    expect(await t.sql("select 1 from traqora.audit_log where action = 'loyalty.chain_sync_requeued'")).toHaveLength(2);
  }, 240_000);

  it('records a run that cannot reach RPC as failed, with why', async () => {
    const run = await reconcileLoyaltyChain({ database: t.db, target: { ...deps.target, rpcUrl: 'http://127.0.0.1:9' }, source: 'job' });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^Could not read the loyalty contract/);
    expect((await report()).run).toMatchObject({ id: run.id, status: 'failed' });
  }, 60_000);
});
