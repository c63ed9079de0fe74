import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { sessionSecret } from '@/lib/auth/session-secret';
import { OFFER_TTL_SECONDS, signOffer } from '@/lib/flights/offer-token';
import { tripFacts } from '@/lib/flights/trip';
import type { Itinerary } from '@/lib/flights/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { adults, contact, nonstop, seatsLeft } from '@/tests/support/booking-fixtures';

// POST /api/v1/bookings through the route handler on a real database. An offer id signed with
// its trip's facts (days, borders: what search signs now) books in one round trip, create_booking,
// which answers retries itself; an id without them, or one create_booking refuses (409), takes the
// careful path: the reprice, then create_booking, reading the idempotency record first only when
// the offer cannot be booked as it stands. Every answer a caller depends on is checked on both.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;
let me: Viewer;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  state.db = t.db;
  me = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'traveller', name: 'Api Booker' })), source: 'dev' };
  state.viewer = me;
});
afterAll(async () => { await t?.close(); });
afterEach(() => { vi.useRealTimers(); });

type Route = Record<string, (req: NextRequest, ctx?: unknown) => Promise<Response>>;
async function post(offerId: string, key: string, passengers: unknown[] = adults(1)) {
  const mod = (await import('@/app/api/v1/bookings/route')) as unknown as Route;
  const req = new NextRequest(new URL('/api/v1/bookings', 'http://t.test'), {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ offer_id: offerId, passengers, contact }),
  });
  const res = await mod.POST(req, { params: Promise.resolve({}) });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: await res.json() };
}

async function offerFor(it: Itinerary, withTrip: boolean, expires = Math.floor(Date.now() / 1000) + OFFER_TTL_SECONDS) {
  const { total_minor } = await t.db.call<{ total_minor: number }>('price_offer', { slices: [it.flight_ids], cabin: 'economy', family: 'standard', adults: 1 });
  return signOffer({ slices: [it.flight_ids], cabin: 'economy', family: 'standard', passengers: { adults: 1, children: 0, infants: 0 },
    total_minor, currency: 'USD', expires, ...(withTrip ? { trip: tripFacts(it.segments) } : {}) }, sessionSecret());
}
const bookingsOf = async (user: string) => (await t.sql<{ n: number }>('select count(*)::int as n from traqora.bookings where user_id = $1', [user]))[0].n;

// Each kind of offer id books outbound on a route of its own (a test sells a flight out); the way
// home is shared (each test prices its offer when it makes it, so an earlier reprice is harmless).
describe.each([
  { ids: 'ids signed with the trip (one round trip)', withTrip: true, out: ['JFK', 'LHR'], back: ['LHR', 'JFK'] },
  { ids: 'ids signed without it (the reprice first)', withTrip: false, out: ['ORD', 'LHR'], back: ['LHR', 'JFK'] },
] as const)('POST /api/v1/bookings, $ids', ({ withTrip, out, back }) => {
  const k = (key: string) => `${key}-${withTrip ? 'trip' : 'bare'}`;
  const there = (opts?: { cabin?: string }) => nonstop(t, out[0], out[1], opts);
  const home = () => nonstop(t, back[0], back[1]);

  it('asks the database for the price first only when the id does not carry the trip', async () => {
    const offer = await offerFor(await there(), withTrip);
    const calls = vi.spyOn(t.db, 'call');
    try {
      expect((await post(offer, k('api-trips-0001'))).status).toBe(201);
      const booking = calls.mock.calls.map(([fn]) => fn).filter((fn) => ['price_offer', 'idempotent_replay', 'create_booking'].includes(fn));
      expect(booking).toEqual(withTrip ? ['create_booking'] : ['price_offer', 'create_booking']);
    } finally {
      calls.mockRestore();
    }
  });

  it('checks the passengers against the trip: a passport that expires before the flight is a 400 naming it, and nothing is held', async () => {
    const it0 = await there();
    const offer = await offerFor(it0, withTrip);
    const before = await seatsLeft(t, it0.flight_ids[0]);
    const [passenger] = adults(1);
    const expired = { ...passenger, document: { ...passenger.document, expires_on: new Date(Date.now() + 864e5).toISOString().slice(0, 10) } };
    const refused = await post(offer, k('api-passport-0001'), [expired]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'body.passengers.0.document.expires_on', message: 'The passport must be valid after the last flight' }]);
    expect(await seatsLeft(t, it0.flight_ids[0])).toBe(before);
  });

  it('holds the seats once: 201, then 200 with the same booking for a retry', async () => {
    const it0 = await there();
    const offer = await offerFor(it0, withTrip);
    const before = await seatsLeft(t, it0.flight_ids[0]);
    const first = await post(offer, k('api-retry-0001'));
    expect(first.status).toBe(201);
    const again = await post(offer, k('api-retry-0001'));
    expect(again).toMatchObject({ status: 200, replayed: 'true' });
    expect(again.body.data.pnr).toBe(first.body.data.pnr);
    expect(await seatsLeft(t, it0.flight_ids[0])).toBe(before - 1);
  });

  it('a changed price is a 409 with the new price and a repriced offer that books; a retry of a booking made before still answers it', async () => {
    const it0 = await home();
    const offer = await offerFor(it0, withTrip);
    const booked = await post(offer, k('api-price-0001'));
    expect(booked.status).toBe(201);
    await t.sql("update traqora.flight_cabins set base_fare_minor = base_fare_minor + 10000 where flight_id = $1 and cabin = 'economy'", [it0.flight_ids[0]]);
    const count = await bookingsOf(me.id);

    const refused = await post(offer, k('api-price-0002'));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'price_changed', previous_total_minor: booked.body.data.price.total_minor });
    expect(refused.body.price.total_minor).toBeGreaterThan(booked.body.data.price.total_minor);
    expect(await bookingsOf(me.id)).toBe(count);

    // The retry of the first booking is answered from its record, not refused for the new price.
    expect(await post(offer, k('api-price-0001'))).toMatchObject({ status: 200, replayed: 'true', body: { data: { pnr: booked.body.data.pnr } } });
    const consented = await post(refused.body.repriced_offer_id, k('api-price-0003'));
    expect(consented.status).toBe(201);
    expect(consented.body.data.price.total_minor).toBe(refused.body.price.total_minor);
  });

  it('a sold-out offer is a 409 naming offer_id and writes nothing; the retry of a booking that got the seats still answers it', async () => {
    const it0 = await there({ cabin: 'economy' });
    const other = (await t.db.call<Itinerary[]>('search_itineraries', { origin: out[0], destination: out[1], date_from: it0.departure_date,
      date_to: it0.departure_date, cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 0 })).find((x) => x.flight_ids[0] !== it0.flight_ids[0]) ?? it0;
    const offer = await offerFor(other, withTrip);
    const booked = await post(offer, k('api-soldout-0001'));
    expect(booked.status).toBe(201);
    await t.sql("update traqora.flight_cabins set seats_available = 0 where flight_id = $1 and cabin = 'economy'", [other.flight_ids[0]]);
    const count = await bookingsOf(me.id);
    const refused = await post(offer, k('api-soldout-0002'));
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([{ field: 'body.offer_id', message: 'is no longer available' }]);
    expect(await bookingsOf(me.id)).toBe(count);
    expect(await post(offer, k('api-soldout-0001'))).toMatchObject({ status: 200, replayed: 'true', body: { data: { pnr: booked.body.data.pnr } } });
  });

  it('an expired offer is a 410; the retry of a booking made before it expired still answers it', async () => {
    const it0 = await home();
    const offer = await offerFor(it0, withTrip, Math.floor(Date.now() / 1000) + 60);
    const booked = await post(offer, k('api-expiry-0001'));
    expect(booked.status).toBe(201);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 120_000);
    expect((await post(offer, k('api-expiry-0002'))).status).toBe(410);
    expect(await post(offer, k('api-expiry-0001'))).toMatchObject({ status: 200, replayed: 'true', body: { data: { pnr: booked.body.data.pnr } } });
  });
});
