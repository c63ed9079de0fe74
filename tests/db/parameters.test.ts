import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GovernedParameter } from '@/lib/parameters/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';

// Governed parameters (supabase/routines/12_parameters.sql): bounded, audited, and applied by
// the database in the transaction that uses them — the fee at release above all.

let t: TestDatabase;
let admin: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Param Admin' })).id;
});
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true); });

const params = () => t.db.call<GovernedParameter[]>('governed_parameters');
const value = async (key: string) => (await params()).find((p) => p.key === key)!.value;
const set = (key: string, v: number | null, source = 'admin', ref: string | null = null) =>
  t.db.call<GovernedParameter & { changed: boolean }>('set_governed_parameter', { key, value: v, actor: admin, source, source_ref: ref });
const history = (key: string) => t.sql<{ before_value: string | null; after_value: string; source: string; source_ref: string | null; actor: string | null }>(
  'select before_value, after_value, source, source_ref, actor from traqora.parameter_changes where key = $1 order by id', [key]);
const events = (key: string) => t.sql<{ payload: Record<string, unknown>; actor: string | null }>(
  "select payload, actor from traqora.domain_events where type = 'parameter.changed' and aggregate_id = $1 order by id", [key]);

describe('governed parameters', () => {
  it('are seeded with today\'s values, bounds and a seed change each', async () => {
    const all = await params();
    const byKey = Object.fromEntries(all.map((p) => [p.key, p]));
    expect(byKey['platform.fee_bps']).toMatchObject({ value: 250, unit: 'bps', min: 0, max: 1000, integral: true, last_change: { source: 'seed', before: null, after: 250 } });
    expect(byKey['loyalty.redemption_points_per_usd']).toMatchObject({ value: 100, unit: 'points' });
    expect(byKey['loyalty.points_expiry_months']).toMatchObject({ value: 24, unit: 'months' });
    expect(byKey['loyalty.tier_multiplier.silver'].value).toBe(1.25);
    expect(all.map((p) => p.key)).toEqual(expect.arrayContaining([
      'loyalty.earn_points_per_usd', 'loyalty.tier_credits_per_usd', 'loyalty.tier_multiplier.blue', 'loyalty.tier_multiplier.platinum',
      'loyalty.fare_family_multiplier.basic', 'loyalty.fare_family_multiplier.flex', 'loyalty.tier_threshold.silver', 'loyalty.tier_threshold.platinum']));
    for (const p of all) {
      expect(p.value).toBeGreaterThanOrEqual(p.min);
      expect(p.value).toBeLessThanOrEqual(p.max);
    }
  });

  it('refuse a value out of bounds, not whole where it must be, an unknown key or source, or thresholds out of order — changing nothing', async () => {
    await expect(set('platform.fee_bps', 1001)).rejects.toMatchObject({ status: 422, field: 'value' });
    await expect(set('platform.fee_bps', -1)).rejects.toMatchObject({ status: 422, field: 'value' });
    await expect(set('platform.fee_bps', 250.5)).rejects.toMatchObject({ status: 422, field: 'value' });
    await expect(set('platform.fee_bps', null)).rejects.toMatchObject({ status: 422, field: 'value' });
    await expect(set('platform.no_such', 1)).rejects.toMatchObject({ status: 404, field: 'key' });
    await expect(set('platform.fee_bps', 300, 'seed')).rejects.toMatchObject({ status: 400, field: 'source' });
    await expect(set('loyalty.tier_threshold.gold', 4000)).rejects.toMatchObject({ status: 422, field: 'value' });   // below Silver's 5000
    await expect(set('loyalty.tier_threshold.silver', 10000)).rejects.toMatchObject({ status: 422, field: 'value' });  // equal to Gold's
    expect(await value('platform.fee_bps')).toBe(250);
    expect(await value('loyalty.tier_threshold.gold')).toBe(10000);
    expect(await history('platform.fee_bps')).toHaveLength(1);
    expect(await events('platform.fee_bps')).toHaveLength(0);
  });

  it('record every change (who, source, before → after) and emit parameter.changed; the same value again changes nothing', async () => {
    const changed = await set('loyalty.earn_points_per_usd', 6.5, 'governance', 'proposal-17');
    expect(changed).toMatchObject({ key: 'loyalty.earn_points_per_usd', value: 6.5, changed: true, updated_by: admin,
      last_change: { source: 'governance', source_ref: 'proposal-17', before: 5, after: 6.5 } });
    expect(await history('loyalty.earn_points_per_usd')).toEqual([
      { before_value: null, after_value: '5', source: 'seed', source_ref: null, actor: null },
      { before_value: '5', after_value: '6.5', source: 'governance', source_ref: 'proposal-17', actor: admin },
    ]);
    expect(await events('loyalty.earn_points_per_usd')).toEqual([{ actor: admin, payload: {
      key: 'loyalty.earn_points_per_usd', before: 5, after: 6.5, unit: 'points_per_usd', source: 'governance', source_ref: 'proposal-17' } }]);

    expect(await set('loyalty.earn_points_per_usd', 6.5, 'governance', 'proposal-17')).toMatchObject({ changed: false });
    expect(await history('loyalty.earn_points_per_usd')).toHaveLength(2);
    expect(await events('loyalty.earn_points_per_usd')).toHaveLength(1);
    await set('loyalty.earn_points_per_usd', 5);
  });

  it('keep their history append-only', async () => {
    await expect(t.sql("update traqora.parameter_changes set after_value = 1 where key = 'platform.fee_bps'")).rejects.toThrow(/append-only/);
    await expect(t.sql("delete from traqora.parameter_changes where key = 'platform.fee_bps'")).rejects.toThrow(/append-only/);
  });

  it('a changed platform fee is the one the next release charges', async () => {
    const release = async (family: string) => {
      const user = await traveller(t, `Fee payer ${family}`);
      const it = await nonstop(t, 'LHR', 'JFK');
      const { booking } = await book(t, user, it, { family });
      await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 1_000_000 });
      await t.sql("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1", [it.flight_ids[0]]);
      await t.db.call('release_flown_bookings', {});
      const [{ fee }] = await t.sql<{ fee: number }>(`select sum(p.amount_minor)::int as fee from traqora.ledger_postings p
        join traqora.ledger_accounts a on a.id = p.account_id join traqora.ledger_transactions x on x.id = p.transaction_id
        where a.kind = 'platform_fees' and x.booking_id = $1`, [booking.id]);
      const [{ payload }] = await t.sql<{ payload: { fee_bps: number; fee_minor: number } }>(
        "select payload from traqora.domain_events where type = 'booking.completed' and aggregate_id = $1", [booking.id]);
      return { fee, total: booking.price.total_minor, payload };
    };
    const before = await release('flex');
    expect(before.fee).toBe(Math.floor(before.total * 250 / 10000));

    await set('platform.fee_bps', 400, 'governance', 'proposal-fee');
    const after = await release('standard');
    expect(after.fee).toBe(Math.floor(after.total * 400 / 10000));
    expect(after.payload).toMatchObject({ fee_bps: 400, fee_minor: after.fee });
    await set('platform.fee_bps', 250);
  });
});
