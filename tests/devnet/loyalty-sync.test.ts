import { Keypair } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncLoyaltyToChain, type ChainSyncDeps } from '@/lib/loyalty/chain-sync';
import { invokeContract } from '@/lib/stellar/contracts/invoke';
import { loyalty, TIER } from '@/lib/stellar/contracts/loyalty';
import { readContract } from '@/lib/stellar/contracts/read';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { traveller } from '@/tests/support/booking-fixtures';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';
import { adjustPoints, chainSync, linkWallet, runLoyaltyChain } from '@/tests/support/loyalty-chain-fixtures';

// The loyalty chain mirror against the real host: the app's queue (a PGlite database) and its
// sync job (lib/loyalty/chain-sync.ts) sending batch_sync_members through rpc.Server to the
// devnet's loyalty contract, signed by the genesis account that holds the `syncer` role. The
// contract's record, read back with get_member and balance, must equal the engine's.

const missing = devnetMissing('traqora_loyalty.wasm');
if (missing) console.warn(`skipping the loyalty sync devnet tests: ${missing}`);

describe.skipIf(missing !== null)('loyalty points mirrored to the loyalty contract on the devnet', () => {
  let net: Devnet;
  let t: TestDatabase;
  let admin: string;
  let deps: ChainSyncDeps;
  const onChain = (address: string) => readContract(loyalty, deps.target, 'get_member', loyalty.args.get_member(address));

  beforeAll(async () => {
    [net, t] = await Promise.all([startDevnet(), openTestDatabase({ seed: false })]);
    admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Chain admin' })).id;
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

  async function member(name: string, points: number, tier?: string) {
    const user = await traveller(t, name);
    const address = await linkWallet(t, user);
    await t.sql('insert into traqora.loyalty_members (user_id) values ($1) on conflict do nothing', [user]);
    if (tier) await t.sql('update traqora.loyalty_members set tier = $2 where user_id = $1', [user, tier]);
    if (points) await adjustPoints(t, admin, user, points);
    return { user, address };
  }

  it('sends queued members in one transaction; the contract then holds their points, tier and version', async () => {
    const ada = await member('Ada Devnet', 1200, 'gold');
    const bo = await member('Bo Devnet', 300);
    await runLoyaltyChain(t);
    expect(await syncLoyaltyToChain(deps)).toEqual({ confirmed: 2, pending: 0, failed: 0, submitted: 0 });
    const [a, b] = [await chainSync(t, ada.user), await chainSync(t, bo.user)];
    expect(a).toMatchObject({ status: 'confirmed', synced_version: 1, points: 1200, tier: 'gold', address: ada.address });
    expect(b!.tx_hash).toBe(a!.tx_hash);                              // one transaction for both
    expect(await onChain(ada.address)).toMatchObject({ points: 1200n, tier: TIER.gold, sync_seq: 1n });
    expect(await onChain(bo.address)).toMatchObject({ points: 300n, tier: TIER.member, sync_seq: 1n });
    expect(await readContract(loyalty, deps.target, 'balance', loyalty.args.balance(ada.address))).toBe(1200n);
    const [event] = await t.sql<{ payload: { tx_hash: string } }>("select payload from traqora.domain_events where type = 'loyalty.chain_synced' and aggregate_id = $1", [ada.user]);
    expect((await net.server.getTransaction(event.payload.tx_hash)).status).toBe('SUCCESS');

    // nothing queued: the job sends nothing
    expect(await syncLoyaltyToChain(deps)).toEqual({ confirmed: 0, pending: 0, failed: 0, submitted: 0 });

    // spending points moves the chain down with the next version; the old version replayed is refused by the contract
    await adjustPoints(t, admin, ada.user, -200);
    await runLoyaltyChain(t);
    expect(await syncLoyaltyToChain(deps)).toMatchObject({ confirmed: 1 });
    expect(await onChain(ada.address)).toMatchObject({ points: 1000n, tier: TIER.gold, sync_seq: 2n });
    const replay = await invokeContract(loyalty, deps.target, deps.syncer, 'batch_sync_members',
      loyalty.args.batch_sync_members(deps.syncer.publicKey(), [{ member: ada.address, points: 1200n, tier: 'gold', syncSeq: 1n }]), { waitMs: 20_000 });
    expect(replay).toMatchObject({ outcome: 'success', result: [{ id: 0n, error: 3 }] });   // StaleSync
    expect(await onChain(ada.address)).toMatchObject({ points: 1000n, sync_seq: 2n });
  }, 180_000);

  it('re-checks a submitted transaction by its hash instead of sending it again', async () => {
    const cy = await member('Cy Devnet', 450);
    await runLoyaltyChain(t);
    await syncLoyaltyToChain(deps);
    const landed = await chainSync(t, cy.user);
    // as if the job had stopped waiting after sending: submitted, with the hash of the landed transaction
    await t.sql("update traqora.loyalty_chain_syncs set status = 'submitted', synced_version = 0 where member_id = $1", [cy.user]);
    expect(await syncLoyaltyToChain(deps)).toEqual({ confirmed: 1, pending: 0, failed: 0, submitted: 0 });
    expect(await chainSync(t, cy.user)).toMatchObject({ status: 'confirmed', synced_version: 1, tx_hash: landed!.tx_hash });
    expect(await onChain(cy.address)).toMatchObject({ points: 450n, sync_seq: 1n });   // not sent twice
  }, 120_000);

  it('an account without the syncer role is refused and nothing changes on chain; the row keeps trying, then fails', async () => {
    const di = await member('Di Devnet', 800);
    await runLoyaltyChain(t);
    const notSyncer = { ...deps, syncer: Keypair.fromSecret(net.manifest.accounts.platform.secretSeed) };
    for (let i = 1; i < 5; i++) expect(await syncLoyaltyToChain(notSyncer)).toMatchObject({ pending: 1 });
    expect(await chainSync(t, di.user)).toMatchObject({ status: 'pending', attempts: 4, error: expect.stringContaining('refused') });
    expect(await syncLoyaltyToChain(notSyncer)).toMatchObject({ failed: 1 });
    expect(await onChain(di.address)).toBeNull();

    // an admin's retry, and the real syncer, put it on chain
    await t.db.call('retry_loyalty_chain_sync', { ctx: { actor: admin, role: 'admin', reason: 'role granted', ip: null, request_id: 'devnet-retry' }, member_id: di.user });
    expect(await syncLoyaltyToChain(deps)).toMatchObject({ confirmed: 1 });
    expect(await onChain(di.address)).toMatchObject({ points: 800n });
  }, 180_000);

  it('a database behind the chain (restored from an older copy) fails the member with the reason instead of overwriting', async () => {
    const ed = await member('Ed Devnet', 500);
    await runLoyaltyChain(t);
    await syncLoyaltyToChain(deps);
    await adjustPoints(t, admin, ed.user, 100);
    await runLoyaltyChain(t);
    await syncLoyaltyToChain(deps);
    expect(await onChain(ed.address)).toMatchObject({ points: 600n, sync_seq: 2n });
    await t.sql("update traqora.loyalty_chain_syncs set version = 1, synced_version = 0, sent_version = null, status = 'pending' where member_id = $1", [ed.user]);
    expect(await syncLoyaltyToChain(deps)).toMatchObject({ failed: 1 });
    expect(await chainSync(t, ed.user)).toMatchObject({ status: 'failed', error: expect.stringContaining('newer sync_seq') });
    expect(await onChain(ed.address)).toMatchObject({ points: 600n, sync_seq: 2n });
  }, 120_000);

  it('sends at most 20 members a transaction', async () => {
    const many = await Promise.all(Array.from({ length: 21 }, (_, i) => member(`Batch Devnet ${i}`, 100 + i)));
    await runLoyaltyChain(t);
    expect(await syncLoyaltyToChain(deps)).toMatchObject({ confirmed: 20 });
    expect(await syncLoyaltyToChain(deps)).toMatchObject({ confirmed: 1 });
    const hashes = new Set((await Promise.all(many.map((m) => chainSync(t, m.user)))).map((r) => r!.tx_hash));
    expect(hashes.size).toBe(2);
    for (const m of many.slice(0, 3)) expect((await onChain(m.address))?.points).toBeGreaterThanOrEqual(100n);
  }, 180_000);
});
