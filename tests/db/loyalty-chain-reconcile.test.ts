import { Keypair } from '@stellar/stellar-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { traveller } from '@/tests/support/booking-fixtures';
import { adjustPoints, chainSync, linkWallet, runLoyaltyChain } from '@/tests/support/loyalty-chain-fixtures';
import { balanceMismatches } from '@/tests/support/loyalty-fixtures';

// The reconciliation of the loyalty mirror and the admin retry of fee rebates
// (supabase/routines/95_loyalty.sql), below the chain: the database's judgement of what the
// contract holds, the report's paging, the audited re-queue that outbids the chain's sync_seq,
// and a failed rebate re-queued once however many admins press retry at once. The chain side
// (get_member read back, a transfer that landed not paid again): tests/devnet.

let t: TestDatabase;
let admin: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: false, poolSize: 6 });
  admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Reconcile admin' })).id;
});
afterAll(async () => { await t?.close(); });
// reconciling reads and re-queues; it never moves points: the ledger still sums to every balance
afterEach(async () => { expect(await balanceMismatches(t)).toEqual([]); });

const ctx = (reason = 'chain disagrees') => ({ actor: admin, role: 'admin', reason, ip: null, request_id: `rec-${Math.random().toString(36).slice(2, 10)}` });
const hash = (n: number) => n.toString(16).padStart(64, '0');

/** A member mirrored to the chain: confirmed at version 1 with `points` active. */
async function mirrored(name: string, points: number) {
  const user = await traveller(t, name);
  const address = await linkWallet(t, user);
  await adjustPoints(t, admin, user, points);
  await runLoyaltyChain(t);
  const [open] = (await t.db.call<{ member_id: string; send: Record<string, unknown> }[]>('open_loyalty_chain_syncs', { limit: 100 })).filter((r) => r.member_id === user);
  await t.db.call('mark_loyalty_chain_sync', { member_id: user, status: 'submitted', version: null, tx_hash: hash(1), error: null, sent: open.send, max_attempts: 5 });
  await t.db.call('mark_loyalty_chain_sync', { member_id: user, status: 'confirmed', version: 1, tx_hash: null, error: null, sent: null, max_attempts: 5 });
  return { user, address };
}

type Run = { id: number; status: string; checked: number; in_step: number; in_flight: number; mismatched: number };
type Report = { run: Run | null; running: Run | null; data: { member_id: string; kinds: string[]; engine: Record<string, unknown>; chain: Record<string, unknown> | null; sync_status_now: string; requeued_at: string | null }[]; next: { member_id: string } | null };
const report = (run: number | null, after: string | null = null, limit = 50) => t.db.call<Report>('loyalty_chain_reconciliation', { run_id: run, after_member: after, limit });

describe('reconciling the loyalty mirror', () => {
  it('judges each member read from the chain against the engine and keeps every disagreement with both sides', async () => {
    const same = await mirrored('Same Chain', 500);
    const off = await mirrored('Off Chain', 700);          // the chain shows other points and tier
    const gone = await mirrored('Gone Chain', 300);        // no record on chain
    const ahead = await mirrored('Ahead Chain', 900);      // another syncer wrote a higher sync_seq
    const moving = await mirrored('Moving Chain', 100);    // a change is on its way: not judged
    await adjustPoints(t, admin, moving.user, 50);
    await runLoyaltyChain(t);
    expect(await chainSync(t, moving.user)).toMatchObject({ status: 'pending' });

    const run = await t.db.call<Run>('loyalty_chain_reconcile_start', { source: 'job' });
    const members = await t.db.call<{ member_id: string; address: string }[]>('loyalty_chain_reconcile_members', { after: null, limit: 100 });
    expect(members.map((m) => m.member_id).sort()).toEqual([same, off, gone, ahead, moving].map((m) => m.user).sort());
    const chain: Record<string, unknown> = {
      [same.user]: { points: '500', tier: 'blue', sync_seq: '1' },
      [off.user]: { points: '650', tier: 'silver', sync_seq: '1' },
      [gone.user]: null,
      [ahead.user]: { points: '900', tier: 'blue', sync_seq: '7' },
      [moving.user]: { points: '100', tier: 'blue', sync_seq: '1' },
    };
    // two pages, as the job sends them
    const records = members.map((m) => ({ ...m, chain: chain[m.member_id] }));
    await t.db.call('loyalty_chain_reconcile_page', { run_id: run.id, records: records.slice(0, 2) });
    await t.db.call('loyalty_chain_reconcile_page', { run_id: run.id, records: records.slice(2) });
    expect(await t.db.call('loyalty_chain_reconcile_finish', { run_id: run.id, error: null }))
      .toMatchObject({ status: 'done', checked: 5, in_step: 1, in_flight: 1, mismatched: 3 });

    const r = await report(null);
    expect(r.run).toMatchObject({ id: run.id, status: 'done' });
    const byMember = Object.fromEntries(r.data.map((x) => [x.member_id, x]));
    expect(Object.keys(byMember).sort()).toEqual([off.user, gone.user, ahead.user].sort());
    expect(byMember[off.user]).toMatchObject({ kinds: ['points', 'tier'], engine: { points: 700, tier: 'blue', version: 1, synced_version: 1, sync_status: 'confirmed' }, chain: { points: 650, tier: 'silver', sync_seq: 1 } });
    expect(byMember[gone.user]).toMatchObject({ kinds: ['missing'], chain: null });
    expect(byMember[ahead.user]).toMatchObject({ kinds: ['chain_ahead'], chain: { sync_seq: 7 } });

    // paged in member order with a cursor
    const first = await report(run.id, null, 2);
    const second = await report(run.id, first.next!.member_id, 2);
    expect(first.data).toHaveLength(2);
    expect(second.next).toBeNull();
    expect([...first.data, ...second.data].map((x) => x.member_id)).toEqual([off.user, gone.user, ahead.user].sort());

    // a finished run takes no more pages; a run left running is failed when the next starts
    await expect(t.db.call('loyalty_chain_reconcile_page', { run_id: run.id, records: [] })).rejects.toMatchObject({ status: 409, field: 'run_id' });
    const stuck = await t.db.call<Run>('loyalty_chain_reconcile_start', { source: 'admin' });
    expect((await report(null)).running).toMatchObject({ id: stuck.id });
    const next = await t.db.call<Run>('loyalty_chain_reconcile_start', { source: 'admin' });
    expect((await t.sql<{ status: string }>('select status from traqora.loyalty_chain_reconciliations where id = $1', [stuck.id]))[0].status).toBe('failed');
    await t.db.call('loyalty_chain_reconcile_finish', { run_id: next.id, error: 'Could not read the loyalty contract: RPC down' });
    expect((await report(null)).run).toMatchObject({ id: next.id, status: 'failed' });
    expect((await report(run.id)).data).toHaveLength(3);          // the earlier report stays readable

    // re-queue: the engine's state is sent again above the chain's sync_seq, once, audited
    const requeued = await t.db.call<{ status: string; version: number }>('requeue_loyalty_chain_sync', { ctx: ctx(), run_id: run.id, member_id: ahead.user });
    expect(requeued).toMatchObject({ status: 'pending', version: 8 });
    await expect(t.db.call('requeue_loyalty_chain_sync', { ctx: ctx(), run_id: run.id, member_id: ahead.user })).rejects.toMatchObject({ status: 409, field: 'member_id' });
    expect(await t.db.call('requeue_loyalty_chain_sync', { ctx: ctx(), run_id: run.id, member_id: off.user })).toMatchObject({ status: 'pending', version: 2 });
    await expect(t.db.call('requeue_loyalty_chain_sync', { ctx: ctx(), run_id: run.id, member_id: same.user })).rejects.toMatchObject({ status: 404, field: 'member_id' });
    const audits = await t.sql<{ resource_id: string; after: { version: number; run_id: number; kinds: string[] } }>(
      "select resource_id, after from traqora.audit_log where action = 'loyalty.chain_sync_requeued' order by id");
    expect(audits.map((a) => a.resource_id)).toEqual([ahead.user, off.user]);
    expect(audits[0].after).toMatchObject({ version: 8, run_id: run.id, kinds: ['chain_ahead'] });
    expect((await report(run.id)).data.find((x) => x.member_id === ahead.user)).toMatchObject({ sync_status_now: 'pending', requeued_at: expect.any(String) });
    // the job sends it with the new version as sync_seq
    expect((await t.db.call<{ member_id: string; send: { version: number; points: number } }[]>('open_loyalty_chain_syncs', { limit: 100 }))
      .find((o) => o.member_id === ahead.user)?.send).toMatchObject({ version: 8, points: 900 });
  });

  it('refuses to re-queue a member whose sync is already in flight', async () => {
    const fly = await mirrored('Fly Chain', 400);
    const run = await t.db.call<Run>('loyalty_chain_reconcile_start', { source: 'job' });
    await t.db.call('loyalty_chain_reconcile_page', { run_id: run.id, records: [{ member_id: fly.user, address: fly.address, chain: null }] });
    await t.db.call('loyalty_chain_reconcile_finish', { run_id: run.id, error: null });
    await adjustPoints(t, admin, fly.user, 10);
    await runLoyaltyChain(t);
    await expect(t.db.call('requeue_loyalty_chain_sync', { ctx: ctx(), run_id: run.id, member_id: fly.user })).rejects.toMatchObject({ status: 409, field: 'member_id' });
  });

  it('skips a member whose account changed between the read and the judgement', async () => {
    const moved = await mirrored('Moved Chain', 200);
    const run = await t.db.call<Run>('loyalty_chain_reconcile_start', { source: 'job' });
    await t.db.call('loyalty_chain_reconcile_page', { run_id: run.id, records: [{ member_id: moved.user, address: Keypair.random().publicKey(), chain: null }] });
    expect(await t.db.call('loyalty_chain_reconcile_finish', { run_id: run.id, error: null })).toMatchObject({ checked: 0, mismatched: 0 });
  });
});

describe('retrying a failed fee rebate', () => {
  async function failedRebate(id: string) {
    const user = await traveller(t, `Rebate ${id}`);
    await t.sql("insert into traqora.loyalty_members (user_id, tier) values ($1, 'gold') on conflict (user_id) do update set tier = 'gold'", [user]);
    await t.sql(`insert into traqora.loyalty_fee_rebates (chain_booking_id, member_id, pnr, release_tx, release_event_id, fee_minor, tier, bps, amount_minor, currency, address,
                   status, tx_hash, submitted_at, attempts, error)
                 values ($1, $2, 'RB' || $1, $3, 'ev-' || $1, 800, 'gold', 2500, 200, 'USD', $4, 'failed', $5, now() - interval '1 hour', 5, 'The rebate transaction failed.')`,
      [id, user, hash(900), Keypair.random().publicKey(), hash(Number(id))]);
    return user;
  }

  it('lists failed rebates with their reason, newest first with a cursor', async () => {
    await failedRebate('11');
    await failedRebate('12');
    type Page = { counts: Record<string, number>; data: { chain_booking_id: string; error: string; tx_hash: string }[]; next: { created_at: string; chain_booking_id: string } | null };
    const page = await t.db.call<Page>('loyalty_fee_rebates_admin', { status: 'failed', after_created_at: null, after_id: null, limit: 1 });
    expect(page.counts.failed).toBeGreaterThanOrEqual(2);
    expect(page.data[0]).toMatchObject({ error: 'The rebate transaction failed.' });
    const rest = await t.db.call<Page>('loyalty_fee_rebates_admin', { status: 'failed', after_created_at: page.next!.created_at, after_id: page.next!.chain_booking_id, limit: 50 });
    expect([...page.data, ...rest.data].map((r) => r.chain_booking_id).sort()).toEqual(expect.arrayContaining(['11', '12']));
    expect(rest.data.map((r) => r.chain_booking_id)).not.toContain(page.data[0].chain_booking_id);
  });

  it('queues it once however many admins retry at once; the last transaction is kept for the job to check; audited', async () => {
    await failedRebate('21');
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => t.db.call('retry_loyalty_fee_rebate', { ctx: ctx(`retry ${i}`), chain_booking_id: '21' })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    expect((ok[0] as PromiseFulfilledResult<unknown>).value).toMatchObject({ status: 'pending', attempts: 0, error: null, tx_hash: hash(21) });
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409, field: 'chain_booking_id' });
    expect(await t.sql("select 1 from traqora.audit_log where action = 'loyalty.fee_rebate_retried' and resource_id = '21'")).toHaveLength(1);
    // the job sees it with the hash it must check before paying
    expect((await t.db.call<{ chain_booking_id: string; tx_hash: string }[]>('open_loyalty_fee_rebates', { limit: 100 })).find((r) => r.chain_booking_id === '21'))
      .toMatchObject({ tx_hash: hash(21) });
  });

  it('refuses a rebate that is not failed, and one that does not exist', async () => {
    await failedRebate('31');
    await t.db.call('mark_loyalty_fee_rebate', { chain_booking_id: '31', status: 'confirmed', tx_hash: null, error: null, max_attempts: 5 });
    await expect(t.db.call('retry_loyalty_fee_rebate', { ctx: ctx(), chain_booking_id: '31' })).rejects.toMatchObject({ status: 409, field: 'chain_booking_id' });
    await expect(t.db.call('retry_loyalty_fee_rebate', { ctx: ctx(), chain_booking_id: '99999' })).rejects.toMatchObject({ status: 404, field: 'chain_booking_id' });
  });
});
