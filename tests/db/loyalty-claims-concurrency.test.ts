import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, flyAndRelease, paidBooking, runLoyalty, summary } from '@/tests/support/loyalty-fixtures';

// Referral claims and airdrop batches under concurrency, which only a PostgreSQL server can stage
// (a pool of 20 connections): a claim sent 20 times at once records one referral; a referrer's
// yearly cap holds when their referees' trips complete at once; an airdrop batch sent and run 10
// times at once credits every recipient exactly once. CI runs this (TEST_DATABASE_URL).
const onServer = process.env.DB_TARGET === 'postgres';

describe.skipIf(!onServer)('referrals and airdrops on a PostgreSQL server', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 20 });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function referrer(label: string) {
    const user = await traveller(t, label);
    await t.db.call('loyalty_enrol', { user_id: user });
    return { user, code: (await summary(t, user)).referral_code! };
  }

  it('20 concurrent claims of one code record one referral; concurrent claims of different codes let exactly one win', async () => {
    const { user: host, code } = await referrer('Concurrent Host');
    const guest = await traveller(t, 'Concurrent Guest');
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => t.db.call<{ replayed: boolean }>('loyalty_claim_referral', { user_id: guest, code })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results.filter((r) => r.status === 'fulfilled' && !r.value.replayed)).toHaveLength(1);
    expect(await t.sql('select referrer_id from traqora.loyalty_referrals where referee_id = $1', [guest])).toEqual([{ referrer_id: host }]);

    const hosts = await Promise.all(Array.from({ length: 8 }, (_, i) => referrer(`Rival Host ${i}`)));
    const rival = await traveller(t, 'Contested Guest');
    const contested = await Promise.allSettled(hosts.map((h) => t.db.call('loyalty_claim_referral', { user_id: rival, code: h.code })));
    expect(contested.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(contested.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.status === 409)).toBe(true);
    expect(await t.sql('select 1 from traqora.loyalty_referrals where referee_id = $1', [rival])).toHaveLength(1);
  });

  it("a referrer's yearly cap holds when their referees' first trips complete at once", async () => {
    await t.db.call('set_governed_parameter', { key: 'loyalty.referral_yearly_cap', value: 3, actor: null, source: 'admin' });
    const { user: host, code } = await referrer('Capped Host');
    const guests = await Promise.all(Array.from({ length: 8 }, (_, i) => traveller(t, `Capped Guest ${i}`)));
    for (const g of guests) await t.db.call('loyalty_claim_referral', { user_id: g, code });
    const it0 = await nonstop(t, 'JFK', 'LHR');
    for (const g of guests) await paidBooking(t, g, it0, 'standard');
    await runLoyalty(t);
    await flyAndRelease(t, it0);
    // every completion handled at once, straight from the outbox (not one consumer in order)
    const completed = await t.sql<{ id: string }>(
      "select id from traqora.domain_events where type = 'booking.completed' and payload->>'user_id' = any($1::text[])", [guests]);
    expect(completed).toHaveLength(guests.length);
    const handled = await Promise.allSettled(completed.map((e) => t.db.call('loyalty_handle_event', { event_id: Number(e.id) })));
    expect(handled.filter((h) => h.status === 'rejected')).toEqual([]);

    const paid = await t.sql<{ n: number }>("select count(*)::int as n from traqora.loyalty_ledger where member_id = $1 and source = 'referral'", [host]);
    expect(paid[0].n).toBe(3);
    expect((await summary(t, host)).points.active).toBe(3 * 2000);
    const guestsPaid = await t.sql<{ n: number }>("select count(*)::int as n from traqora.loyalty_ledger where member_id = any($1::uuid[]) and source = 'referral'", [guests]);
    expect(guestsPaid[0].n).toBe(guests.length);
    expect(await balanceMismatches(t)).toEqual([]);
    expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
  });

  it('an airdrop batch sent and run 10 times at once credits each recipient exactly once', async () => {
    const manager = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'rewards_manager', name: 'Concurrent Manager' })).id;
    const members = await Promise.all(Array.from({ length: 12 }, (_, i) => traveller(t, `Airdrop Target ${i}`)));
    const batch = randomUUID();
    const ctx = () => ({ actor: manager, role: 'rewards_manager', reason: 'concurrency', ip: null, request_id: `c-${randomUUID()}` });
    const spec = { kind: 'points', points: 300, reason: 'Sent twice by a flaky network' };
    const attempts = await Promise.allSettled(Array.from({ length: 10 }, async () => {
      await t.db.call('loyalty_airdrop_create', { ctx: ctx(), batch, spec, recipients: members });
      return t.db.call('loyalty_airdrop_run', { ctx: ctx(), batch, limit: 5 });
    }));
    expect(attempts.filter((a) => a.status === 'rejected')).toEqual([]);
    const final = await t.db.call<{ status: string; progress: { credited: number } }>('loyalty_airdrop', { batch });
    expect(final).toMatchObject({ status: 'done', progress: { credited: 12 } });
    const rows = await t.sql<{ member_id: string; n: number }>(
      "select member_id, count(*)::int as n from traqora.loyalty_ledger where source = 'airdrop' and source_ref = $1 group by member_id", [`airdrop:${batch}`]);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const audited = await t.sql<{ n: number }>("select count(*)::int as n from traqora.audit_log where action = 'loyalty.airdrop_credited' and after->>'airdrop_id' = $1", [batch]);
    expect(audited[0].n).toBe(12);
    expect(await balanceMismatches(t)).toEqual([]);
  });
});
