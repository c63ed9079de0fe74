import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller } from '@/tests/support/booking-fixtures';
import { adjustPoints, chainSync, linkWallet, runLoyaltyChain } from '@/tests/support/loyalty-chain-fixtures';
import { flyAndRelease, paidBooking, runLoyalty, summary } from '@/tests/support/loyalty-fixtures';

// The loyalty chain mirror's queue (supabase/routines/95_loyalty.sql): the loyalty-chain consumer
// queues a member when an event changed their active points or tier, once however often the
// event is delivered; the job's reports move a row through submitted → confirmed, retried and
// failed after its attempts; an admin's retry is audited. The chain side: tests/devnet.

let t: TestDatabase;
let admin: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Sync admin' })).id;
});
afterAll(async () => { await t?.close(); });

interface Open { member_id: string; status: string; send: { address: string; points: number; tier: string; version: number } }
const open = async (user: string) => (await t.db.call<Open[]>('open_loyalty_chain_syncs', { limit: 100 })).find((r) => r.member_id === user);
const mark = (user: string, status: string, extra: Record<string, unknown> = {}) =>
  t.db.call<{ status: string; attempts: number; version: number; synced_version: number }>('mark_loyalty_chain_sync', {
    member_id: user, status, version: null, tx_hash: null, error: null, sent: null, max_attempts: 5, ...extra });
const hash = (n: number) => n.toString(16).padStart(64, '0');

describe('the loyalty chain queue', () => {
  it('queues a member whose flown trip made points active, with their account, points, tier and version', async () => {
    const ada = await traveller(t, 'Ada Chain');
    const address = await linkWallet(t, ada);
    const it0 = await nonstop(t, 'JFK', 'LHR');
    await paidBooking(t, ada, it0, 'standard');
    await runLoyalty(t);
    await flyAndRelease(t, it0);
    await runLoyalty(t);
    await runLoyaltyChain(t);
    const s = await summary(t, ada);
    expect(s.points.active).toBeGreaterThan(0);
    expect(await open(ada)).toMatchObject({ status: 'pending', send: { address, points: s.points.active, tier: 'blue', version: 1 } });

    // the whole outbox delivered again: nothing queued twice, the version stays
    expect(await t.sql("update traqora.event_consumers set last_event_id = 0 where name = 'loyalty-chain' returning name")).toHaveLength(1);
    await runLoyaltyChain(t);
    expect(await chainSync(t, ada)).toMatchObject({ version: 1, status: 'pending' });
  });

  it('moves through submitted and confirmed; a later change queues the next version, an unchanged member costs nothing', async () => {
    const bo = await traveller(t, 'Bo Chain');
    const address = await linkWallet(t, bo);
    await adjustPoints(t, admin, bo, 1200);
    await runLoyaltyChain(t);
    const first = await open(bo);
    expect(first?.send).toEqual({ address, points: 1200, tier: 'blue', version: 1 });

    await mark(bo, 'submitted', { tx_hash: hash(1), sent: first!.send });
    expect(await open(bo)).toMatchObject({ status: 'submitted' });        // re-checked by hash, not resent
    expect(await mark(bo, 'confirmed', { version: 1 })).toMatchObject({ status: 'confirmed', synced_version: 1 });
    expect(await open(bo)).toBeUndefined();
    const [event] = await t.sql<{ payload: Record<string, unknown> }>("select payload from traqora.domain_events where type = 'loyalty.chain_synced' and aggregate_id = $1", [bo]);
    expect(event.payload).toMatchObject({ user_id: bo, address, points: 1200, tier: 'blue', sync_seq: 1, tx_hash: hash(1) });

    // a wallet.linked (or any event) that changes nothing on chain queues nothing
    await linkWallet(t, bo);
    await runLoyaltyChain(t);
    expect(await chainSync(t, bo)).toMatchObject({ status: 'confirmed', version: 1 });

    await adjustPoints(t, admin, bo, -200);
    await runLoyaltyChain(t);
    expect(await open(bo)).toMatchObject({ status: 'pending', send: { address, points: 1000, version: 2 } });   // the first account stays
  });

  it('a change while a transaction is in flight waits for it, then sends the newer version', async () => {
    const cy = await traveller(t, 'Cy Chain');
    await linkWallet(t, cy);
    await adjustPoints(t, admin, cy, 500);
    await runLoyaltyChain(t);
    await mark(cy, 'submitted', { tx_hash: hash(2), sent: (await open(cy))!.send });
    await adjustPoints(t, admin, cy, 300);
    await runLoyaltyChain(t);
    expect(await chainSync(t, cy)).toMatchObject({ status: 'submitted', version: 2, sent_version: 1 });
    expect(await mark(cy, 'confirmed', { version: 1 })).toMatchObject({ status: 'pending', synced_version: 1, version: 2 });
    expect((await open(cy))?.send).toMatchObject({ points: 800, version: 2 });
  });

  it('waits as no_wallet without an account, and is queued when one is linked', async () => {
    const di = await traveller(t, 'Di Chain');
    await adjustPoints(t, admin, di, 700);
    await runLoyaltyChain(t);
    expect(await open(di)).toBeUndefined();
    expect(await chainSync(t, di)).toMatchObject({ status: 'no_wallet' });
    const address = await linkWallet(t, di);
    await runLoyaltyChain(t);
    expect(await open(di)).toMatchObject({ status: 'pending', send: { address, points: 700 } });
  });

  it('fails after five attempts with an event; an admin retry queues it again, audited', async () => {
    const ed = await traveller(t, 'Ed Chain');
    await linkWallet(t, ed);
    await adjustPoints(t, admin, ed, 900);
    await runLoyaltyChain(t);
    for (let i = 1; i <= 4; i++) expect(await mark(ed, 'pending', { error: 'refused' })).toMatchObject({ status: 'pending', attempts: i });
    expect(await mark(ed, 'pending', { error: 'refused' })).toMatchObject({ status: 'failed', attempts: 5 });
    expect(await open(ed)).toBeUndefined();
    expect(await t.sql("select 1 from traqora.domain_events where type = 'loyalty.chain_sync_failed' and aggregate_id = $1", [ed])).toHaveLength(1);

    const listed = await t.db.call<{ counts: Record<string, number>; data: { member_id: string; status: string }[] }>('loyalty_chain_syncs', { status: 'failed', after_updated_at: null, after_member: null, limit: 50 });
    expect(listed.data.map((r) => r.member_id)).toContain(ed);
    expect(listed.counts.failed).toBeGreaterThanOrEqual(1);

    const ctx = { actor: admin, role: 'admin', reason: 'retry', ip: null, request_id: 'retry-sync-1' };
    expect(await t.db.call('retry_loyalty_chain_sync', { ctx, member_id: ed })).toMatchObject({ status: 'pending', attempts: 0 });
    await expect(t.db.call('retry_loyalty_chain_sync', { ctx, member_id: ed })).rejects.toMatchObject({ status: 409, field: 'member_id' });
    expect(await t.sql("select 1 from traqora.audit_log where action = 'loyalty.chain_sync_retried' and resource_id = $1", [ed])).toHaveLength(1);
  });
});
