import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CancellationQuote } from '@/lib/bookings/types';
import type { FareConditions, Itinerary } from '@/lib/flights/types';
import type { GovernedParameter } from '@/lib/parameters/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { adults, book, nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { admin, adminCtx, advance, DAY, TRQ, holder, vote } from '@/tests/support/governance-fixtures';

// Cancellation and change penalties per fare family are governed parameters
// (fares.refund_penalty.<family>, fares.change_penalty.<family>; read by traqora.fare_conditions in
// routines/40_fares_and_search.sql): a change shows in the next search and offer and is what the
// next booking pays at cancellation, while a booking made before keeps the conditions it bought.

let t: TestDatabase;
let boss: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  boss = await admin(t, 'Penalty Admin');
});
afterAll(async () => { await t?.close(); });
afterEach(async () => { expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true); });

const FUNDS = 5_000_000;
const params = () => t.db.call<GovernedParameter[]>('governed_parameters');
const set = (key: string, value: number | null, source = 'admin', ref: string | null = null) =>
  t.db.call<GovernedParameter & { changed: boolean }>('set_governed_parameter', { key, value, actor: boss, source, source_ref: ref });
const conditionsOf = (it: Itinerary, family: string) => it.fares.find((f) => f.family === family)!.conditions;
const offer = (it: Itinerary, family: string) => t.db.call<{ conditions: FareConditions; total_minor: number }>('price_offer', {
  slices: [it.flight_ids], cabin: 'economy', family, adults: 2, children: 0, infants: 0 });

async function paid(name: string, family: string, pax: number) {
  const user = await traveller(t, name);
  const it = await nonstop(t, 'JFK', 'LHR', { adults: pax });
  const { booking } = await book(t, user, it, { family, passengers: adults(pax) });
  await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: FUNDS });
  return { user, booking };
}
const quote = (b: { user: string; booking: { pnr: string } }) =>
  t.db.call<CancellationQuote>('quote_cancellation', { user_id: b.user, pnr: b.booking.pnr });

describe('fare penalties as governed parameters', () => {
  it('are seeded from the fare families\' former values, in minor units, bounded, with a seed change each', async () => {
    const byKey = Object.fromEntries((await params()).map((p) => [p.key, p]));
    expect(byKey['fares.refund_penalty.standard']).toMatchObject({ value: 7500, unit: 'minor_units', min: 0, max: 30000, integral: true,
      last_change: { source: 'seed', before: null, after: 7500 } });
    expect(byKey['fares.change_penalty.standard']).toMatchObject({ value: 5000, unit: 'minor_units', min: 0, max: 30000 });
    expect(byKey['fares.refund_penalty.flex']).toMatchObject({ value: 0, unit: 'minor_units', min: 0, max: 10000 });
    expect(byKey['fares.change_penalty.flex']).toMatchObject({ value: 0, unit: 'minor_units', min: 0, max: 10000 });
    // Basic is neither refundable nor changeable: no penalty to govern
    expect(byKey['fares.refund_penalty.basic']).toBeUndefined();
    const it = await nonstop(t);
    expect(conditionsOf(it, 'standard')).toMatchObject({ refundable: true, refund_penalty_minor: 7500, changeable: true, change_penalty_minor: 5000 });
    expect(conditionsOf(it, 'basic')).toMatchObject({ refundable: false, refund_penalty_minor: 0, changeable: false, change_penalty_minor: 0 });
    expect(conditionsOf(it, 'flex')).toMatchObject({ refundable: true, refund_penalty_minor: 0 });
  });

  it('a changed penalty is what the next search and offer show and the next booking pays; a booking made before keeps its own', async () => {
    const before = await paid('Penalty Before', 'standard', 2);
    expect(before.booking.conditions).toMatchObject({ refund_penalty_minor: 7500 });

    await set('fares.refund_penalty.standard', 12000, 'governance', 'proposal:test');
    await set('fares.change_penalty.standard', 6500);

    const it = await nonstop(t, 'JFK', 'LHR', { adults: 2 });
    expect(conditionsOf(it, 'standard')).toMatchObject({ refund_penalty_minor: 12000, change_penalty_minor: 6500 });
    expect(conditionsOf(it, 'flex')).toMatchObject({ refund_penalty_minor: 0 });
    expect((await offer(it, 'standard')).conditions).toMatchObject({ refund_penalty_minor: 12000, change_penalty_minor: 6500 });

    const after = await paid('Penalty After', 'standard', 2);
    expect(after.booking.conditions).toMatchObject({ refund_penalty_minor: 12000, change_penalty_minor: 6500 });
    const q = await quote(after);
    expect(q).toMatchObject({ penalty_minor: 2 * 12000, refund_minor: after.booking.price.total_minor - 2 * 12000 });
    const done = await t.db.call<{ booking: { status: string; refund_minor: number } }>('confirm_cancellation', { user_id: after.user, pnr: after.booking.pnr, quote_id: q.id });
    expect(done.booking).toMatchObject({ status: 'refunded', refund_minor: q.refund_minor });

    // the booking made before the change cancels under the conditions it bought
    expect(await quote(before)).toMatchObject({ penalty_minor: 2 * 7500, refund_minor: before.booking.price.total_minor - 2 * 7500 });

    // a flex penalty introduced by governance applies to the next flex booking too
    await set('fares.refund_penalty.flex', 2500);
    const flex = await paid('Penalty Flex', 'flex', 1);
    expect(await quote(flex)).toMatchObject({ penalty_minor: 2500 });

    await set('fares.refund_penalty.standard', 7500);
    await set('fares.change_penalty.standard', 5000);
    await set('fares.refund_penalty.flex', 0);
  });

  it('refuse a penalty out of bounds or not whole with a 422 naming value, changing nothing', async () => {
    await expect(set('fares.refund_penalty.standard', 30001)).rejects.toMatchObject({ status: 422, field: 'value' });
    await expect(set('fares.refund_penalty.standard', -1)).rejects.toMatchObject({ status: 422, field: 'value' });
    await expect(set('fares.refund_penalty.flex', 10001)).rejects.toMatchObject({ status: 422, field: 'value' });
    await expect(set('fares.change_penalty.standard', 99.5)).rejects.toMatchObject({ status: 422, field: 'value' });
    await expect(set('fares.refund_penalty.basic', 100)).rejects.toMatchObject({ status: 404, field: 'key' });
    const byKey = Object.fromEntries((await params()).map((p) => [p.key, p.value]));
    expect(byKey).toMatchObject({ 'fares.refund_penalty.standard': 7500, 'fares.refund_penalty.flex': 0, 'fares.change_penalty.standard': 5000 });
    expect(conditionsOf(await nonstop(t), 'standard')).toMatchObject({ refund_penalty_minor: 7500 });
  });

  it('a passed parameter proposal on a penalty executes after the timelock and the next booking pays it', async () => {
    const p = await holder(t, 'Penalty Proposer');
    const c0 = BigInt((await t.db.call<{ circulating: string }>('trq_treasury_summary', {})).circulating);
    await t.db.call('trq_distribute', { ctx: adminCtx(boss), reason: 'penalty vote', recipients: [{ user_id: p, amount: (c0 + 1000n * TRQ).toString() }] });
    // out of bounds is refused at creation, naming the change's value
    await expect(t.db.call('governance_create_proposal', { proposer: p, kind: 'parameter', title: 'Too high', body: 'x',
      changes: [{ key: 'fares.refund_penalty.standard', value: 40000 }] })).rejects.toMatchObject({ status: 422, field: 'changes[0].value' });
    const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: p, kind: 'parameter',
      title: 'Standard cancellation fee to $90', body: 'Bring it in line with the market.', changes: [{ key: 'fares.refund_penalty.standard', value: 9000 }] });
    await advance(t, DAY + 1);
    await vote(t, p, id, 'for');
    await advance(t, 7 * DAY);
    await t.db.call('governance_queue', { actor: null, id });
    await expect(t.db.call('governance_execute', { ctx: {}, id })).rejects.toMatchObject({ status: 409 });   // timelock
    expect(conditionsOf(await nonstop(t), 'standard')).toMatchObject({ refund_penalty_minor: 7500 });
    await advance(t, 2 * DAY + 1);
    expect(await t.db.call<{ state: string }>('governance_execute', { ctx: adminCtx(boss), id })).toMatchObject({ state: 'executed' });

    expect(await t.sql("select source, source_ref, before_value::int as before, after_value::int as after from traqora.parameter_changes where key = 'fares.refund_penalty.standard' order by id desc limit 1"))
      .toEqual([{ source: 'governance', source_ref: `proposal:${id}`, before: 7500, after: 9000 }]);
    expect(conditionsOf(await nonstop(t), 'standard')).toMatchObject({ refund_penalty_minor: 9000 });
    const next = await paid('Penalty Next', 'standard', 1);
    expect(await quote(next)).toMatchObject({ penalty_minor: 9000 });
    await set('fares.refund_penalty.standard', 7500);
  });
});
