import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '@/lib/bookings/types';
import type { Itinerary } from '@/lib/flights/types';
import type { LoyaltyBadges } from '@/lib/loyalty/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, flyAndRelease, paidBooking, runLoyalty } from '@/tests/support/loyalty-fixtures';

// Badges (supabase/routines/94_badges.sql): computed from completed trips through the loyalty
// consumer, with progress; three unspent badges upgrade a held Basic booking to Standard once
// (upgrade_booking_fare in 60_bookings.sql).

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); });
afterAll(async () => { await t?.close(); });
afterEach(async () => {
  expect(await balanceMismatches(t)).toEqual([]);
  expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
});

const badges = (user: string) => t.db.call<LoyaltyBadges>('loyalty_badges', { user_id: user });
const byCode = async (user: string) => Object.fromEntries((await badges(user)).data.map((b) => [b.code, b]));
const earnedEvents = (user: string) => t.sql<{ badge: string }>(
  "select payload->>'badge' as badge from traqora.domain_events where type = 'loyalty.badge_earned' and aggregate_id = $1 order by id", [user]);
/** Gives badges as an airdrop would have (the test needs a holder, not a history). */
const give = (user: string, codes: string[]) => t.sql(
  "insert into traqora.loyalty_members (user_id) values ($1) on conflict do nothing; ", [user]).then(() => Promise.all(codes.map((c) =>
  t.sql("insert into traqora.loyalty_member_badges (member_id, badge, source, source_ref) values ($1, $2, 'airdrop', 'test')", [user, c]))));

describe('badges from completed trips', () => {
  it('a flown JFK–LHR trip earns First flight and Long haul once, with progress on the rest; night by the local departure hour', async () => {
    const user = await traveller(t, 'Badge Collector');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const booking = await paidBooking(t, user, it0, 'standard');
    await runLoyalty(t);
    expect((await badges(user)).data.every((b) => b.earned_at === null)).toBe(true);   // paid is not flown
    await flyAndRelease(t, it0);
    await runLoyalty(t);

    const [segment] = await t.sql<{ minutes: number; departs_local_hour: number; destination_country: string }>(
      'select minutes, departs_local_hour, destination_country from traqora.loyalty_flown_segments where booking_id = $1', [booking.id]);
    const [{ departs_at }] = await t.sql<{ departs_at: Date }>('select departs_at from traqora.flights where id = $1', [it0.flight_ids[0]]);
    const localHour = Number(new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23', timeZone: 'America/New_York' }).format(departs_at));
    expect(segment).toEqual({ minutes: 420, departs_local_hour: localHour, destination_country: 'GB' });
    const night = localHour < 5;

    const b = await byCode(user);
    expect(b.first_flight).toMatchObject({ progress: 1, goal: 1, earned_at: expect.any(String), source: 'earned', spent: false });
    expect(b.long_haul).toMatchObject({ progress: 1, earned_at: expect.any(String) });
    expect(b.ten_flights).toMatchObject({ progress: 1, goal: 10, earned_at: null });
    expect(b.five_countries).toMatchObject({ progress: 1, goal: 5, earned_at: null });
    expect(b.night_flight.earned_at !== null).toBe(night);
    expect(b.referral).toMatchObject({ progress: 0, earned_at: null });
    expect(b.trailblazer).toMatchObject({ progress: 0, earned_at: null });
    const expected = ['first_flight', 'long_haul', ...(night ? ['night_flight'] : [])].sort();
    expect((await earnedEvents(user)).map((e) => e.badge).sort()).toEqual(expected);

    // the completion handled again earns nothing twice
    const [{ id }] = await t.sql<{ id: string }>("select id from traqora.domain_events where type = 'booking.completed' and aggregate_id = $1", [booking.id]);
    await t.db.call('loyalty_handle_event', { event_id: Number(id) });
    expect((await earnedEvents(user)).map((e) => e.badge).sort()).toEqual(expected);
    expect((await badges(user)).unspent).toBe(expected.length);
  });
});

describe('Long haul counts the scheduled length, not the flown one', () => {
  /**
   * A paid trip on its own flight (JFK–LHR, `days` ahead in the timetable), moved `days` + 4 hours
   * into the past (each test's flight named by its own scheduled departure) with the timetable's length, then landed as a flight-status provider reports it (actual
   * times, minutes after the scheduled departure), released and handed to the loyalty consumer.
   */
  async function flown(name: string, days: number, scheduledMinutes: number, actual: { departs: number; arrives: number }) {
    const user = await traveller(t, name);
    const day = new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);
    const [it0] = await t.db.call<Itinerary[]>('search_itineraries', {
      origin: 'JFK', destination: 'LHR', date_from: day, date_to: day, cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 0 });
    const booking = await paidBooking(t, user, it0, 'standard');
    const [f] = await t.sql<{ airline: string; flight_number: number; departs_at: Date }>(
      `update traqora.flights set departs_at = date_trunc('second', now()) - make_interval(hours => $3::int),
                                  arrives_at = date_trunc('second', now()) - make_interval(hours => $3::int) + make_interval(mins => $2::int)
       where id = $1 returning airline, flight_number, departs_at`, [it0.flight_ids[0], scheduledMinutes, days + 4]);
    const at = (minutes: number) => new Date(f.departs_at.getTime() + minutes * 60_000).toISOString();
    expect(await t.db.call('ingest_flight_status', { provider: 'simulator', report: {
      event_id: `landed-${it0.flight_ids[0]}`, airline: f.airline, flight_number: f.flight_number, scheduled_departs_at: at(0),
      status: 'landed', provider_at: new Date().toISOString(), departs_at: at(actual.departs), arrives_at: at(actual.arrives) } })).toMatchObject({ outcome: 'applied' });
    // the flight now shows the actual times; the timetable's stay in scheduled_*
    const [times] = await t.sql<{ minutes: number; scheduled: number }>(
      `select extract(epoch from arrives_at - departs_at)::int / 60 as minutes,
              extract(epoch from scheduled_arrives_at - scheduled_departs_at)::int / 60 as scheduled from traqora.flights where id = $1`, [it0.flight_ids[0]]);
    expect(times).toEqual({ minutes: actual.arrives - actual.departs, scheduled: scheduledMinutes });
    await t.db.call('release_flown_bookings', {});
    await runLoyalty(t);
    const [segment] = await t.sql<{ minutes: number }>('select minutes from traqora.loyalty_flown_segments where booking_id = $1', [booking.id]);
    return { user, segment };
  }

  it('a flight scheduled 6 h 05 that lands 25 minutes early still counts', async () => {
    const { user, segment } = await flown('Early Lander', 9, 365, { departs: 0, arrives: 340 });
    expect(segment.minutes).toBe(365);
    expect((await byCode(user)).long_haul).toMatchObject({ progress: 1, earned_at: expect.any(String) });
  });

  it('a flight scheduled 5 h 50 that lands two hours late does not', async () => {
    const { user, segment } = await flown('Late Lander', 10, 350, { departs: 0, arrives: 470 });
    expect(segment.minutes).toBe(350);
    expect((await byCode(user)).long_haul).toMatchObject({ progress: 0, earned_at: null });
    expect((await byCode(user)).first_flight.earned_at).not.toBeNull();   // the trip itself counted
  });
});

describe('a fare upgrade paid with badges', () => {
  async function heldBasic(user: string): Promise<Booking> {
    return (await book(t, user, await nonstop(t, 'LHR', 'JFK'), { family: 'basic' })).booking;
  }
  const upgrade = (user: string, pnr: string) => t.db.call<Booking & { replayed: boolean }>('upgrade_booking_fare', { user_id: user, pnr });

  it('three badges turn a held Basic booking into Standard at the Basic price, once', async () => {
    const user = await traveller(t, 'Upgrader');
    await give(user, ['first_flight', 'long_haul', 'trailblazer', 'night_flight']);
    const held = await heldBasic(user);
    const after = await upgrade(user, held.pnr);
    expect(after).toMatchObject({ fare_family: 'standard', status: 'held', price: held.price });
    expect(after.conditions).toMatchObject({ changeable: true, seat_selection: 'standard' });
    expect(after.conditions).not.toEqual(held.conditions);
    expect((await badges(user)).unspent).toBe(1);
    expect((await badges(user)).data.filter((b) => b.spent).map((b) => b.code).sort()).toHaveLength(3);
    // asked again (a retry): the booking as it is, nothing spent again
    expect(await upgrade(user, held.pnr)).toMatchObject({ fare_family: 'standard', replayed: true });
    expect((await badges(user)).unspent).toBe(1);
    const standard = (await book(t, user, await nonstop(t, 'LHR', 'JFK'), { family: 'standard' })).booking;
    await expect(upgrade(user, standard.pnr)).rejects.toMatchObject({ status: 422, field: 'fare_family' });
    const [event] = await t.sql<{ payload: { fare_family: string; upgrade: { badges: string[]; from: string; to: string } } }>(
      "select payload from traqora.domain_events where type = 'booking.fare_upgraded' and aggregate_id = $1", [held.id]);
    expect(event.payload).toMatchObject({ fare_family: 'standard', upgrade: { from: 'basic', to: 'standard', badges: expect.arrayContaining([expect.any(String)]) } });
    // paying it charges the Basic price
    await t.db.call('pay_booking', { user_id: user, pnr: held.pnr, demo_funding_minor: 5_000_000 });
  });

  it('refuses with fewer than three badges, on a paid or someone else’s booking; nothing changes', async () => {
    const user = await traveller(t, 'Two badges');
    await give(user, ['first_flight', 'long_haul']);
    const held = await heldBasic(user);
    await expect(upgrade(user, held.pnr)).rejects.toMatchObject({ status: 409, field: 'badges' });
    expect((await t.db.call<Booking>('get_booking', { user_id: user, pnr: held.pnr, admin: false })).fare_family).toBe('basic');
    expect((await badges(user)).unspent).toBe(2);
    const stranger = await traveller(t, 'Stranger');
    await expect(upgrade(stranger, held.pnr)).rejects.toMatchObject({ status: 404, field: 'pnr' });
    await give(user, ['trailblazer']);
    await t.db.call('pay_booking', { user_id: user, pnr: held.pnr, demo_funding_minor: 5_000_000 });
    await expect(upgrade(user, held.pnr)).rejects.toMatchObject({ status: 409, field: 'pnr' });
    expect((await badges(user)).unspent).toBe(3);
  });
});

describe('the outbox purge and the loyalty tables', () => {
  it('old events the ledger and the badge segments name can be purged; the rows keep the id and re-delivery stays impossible', async () => {
    const user = await traveller(t, 'Purged History');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const booking = await paidBooking(t, user, it0, 'standard');
    await runLoyalty(t);
    await flyAndRelease(t, it0);
    await runLoyalty(t);
    const [{ id }] = await t.sql<{ id: string }>("select id from traqora.domain_events where type = 'booking.completed' and aggregate_id = $1", [booking.id]);
    await t.sql("update traqora.domain_events set occurred_at = now() - interval '400 days' where id <= $1", [id]);
    const purged = await t.db.call<{ deleted: number }>('purge_domain_events', { days: 90, limit: 100000 });
    expect(purged.deleted).toBeGreaterThan(0);
    expect(await t.sql('select 1 from traqora.domain_events where id = $1', [id])).toEqual([]);
    expect((await t.sql<{ n: number }>('select count(*)::int as n from traqora.loyalty_ledger where event_id = $1', [id]))[0].n).toBeGreaterThan(0);
    expect((await t.sql<{ n: number }>('select count(*)::int as n from traqora.loyalty_flown_segments where event_id = $1', [id]))[0].n).toBe(1);
  });
});
