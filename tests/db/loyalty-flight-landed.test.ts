import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestReports } from '@/lib/flight-status/ingest';
import type { StatusReport } from '@/lib/flight-status/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { balanceMismatches, paidBooking, runLoyalty, seededPoints, summary } from '@/tests/support/loyalty-fixtures';

// Points become active because the flight completed, told by the flight-status feed: a landing
// reported with its actual times records them (supabase/routines/64_flight_status.sql), the
// release job then releases the escrow (booking.completed), and the loyalty consumer activates
// the points — the path the e2e journey (e2e/loyalty.spec.ts) takes through the webhook.

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); });
afterAll(async () => { await t?.close(); });

const flight = async (id: number) => (await t.sql<{ airline: string; flight_number: number; status: string; departs_at: Date; arrives_at: Date;
  scheduled_departs_at: Date | null; scheduled_arrives_at: Date | null }>(
  'select airline, flight_number, status, departs_at, arrives_at, scheduled_departs_at, scheduled_arrives_at from traqora.flights where id = $1', [id]))[0];
let seq = 0;
const landed = async (id: number, times: { departs_at?: string; arrives_at: string }): Promise<StatusReport> => {
  const f = await flight(id);
  return { event_id: `landed-${++seq}`, airline: f.airline, flight_number: f.flight_number, departure_date: f.departs_at.toISOString().slice(0, 10),
    scheduled_departs_at: (f.scheduled_departs_at ?? f.departs_at).toISOString(),
    status: 'landed', provider_at: new Date().toISOString(), ...times };
};
const ago = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();

describe('a landing reported by the feed completes the trip', () => {
  it('records the actual times, releases the escrow and makes the earned points active, once', async () => {
    const user = await traveller(t, 'Landed Lena');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const booking = await paidBooking(t, user, it0, 'flex');
    await runLoyalty(t);
    const points = seededPoints(booking.price.base_minor, 'flex');
    expect(await summary(t, user)).toMatchObject({ points: { active: 0, pending: points } });

    const id = it0.flight_ids[0];
    const timetable = await flight(id);
    // a landing before its departure is refused and changes nothing
    const [refused] = await ingestReports(t.db, 'flightdata', [await landed(id, { departs_at: ago(2), arrives_at: ago(3) })]);
    expect(refused).toMatchObject({ outcome: 'refused' });
    expect(await flight(id)).toEqual(timetable);

    const [applied] = await ingestReports(t.db, 'flightdata', [await landed(id, { departs_at: ago(10), arrives_at: ago(3) })]);
    expect(applied).toMatchObject({ outcome: 'applied' });
    const now = await flight(id);
    expect(now.status).toBe('landed');
    expect(Math.abs(now.arrives_at.getTime() - (Date.now() - 3 * 3600_000))).toBeLessThan(60_000);
    expect(Math.abs(now.departs_at.getTime() - (Date.now() - 10 * 3600_000))).toBeLessThan(60_000);
    // the timetable stays, as a delay keeps it
    expect(now.scheduled_departs_at).toEqual(timetable.departs_at);
    expect(now.scheduled_arrives_at).toEqual(timetable.arrives_at);

    expect(await t.db.call('release_flown_bookings', {})).toMatchObject({ released: 1 });
    await runLoyalty(t);
    expect(await summary(t, user)).toMatchObject({ points: { active: points, pending: 0 } });
    const activated = await t.sql<{ type: string }>(
      "select type from traqora.domain_events where aggregate_type = 'member' and aggregate_id = $1 and type = 'loyalty.points_activated'", [user]);
    expect(activated).toHaveLength(1);

    // the same landing again is a replay; the release and the consumer have nothing left to do
    const [again] = await ingestReports(t.db, 'flightdata', [{ ...(await landed(id, { arrives_at: ago(3) })), event_id: applied.event_id }]);
    expect(again).toMatchObject({ replayed: true });
    expect(await t.db.call('release_flown_bookings', {})).toMatchObject({ released: 0 });
    await runLoyalty(t);
    expect(await summary(t, user)).toMatchObject({ points: { active: points, pending: 0 } });
    expect(await balanceMismatches(t)).toEqual([]);
    expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
  });
});
