import { describe, expect, it } from 'vitest';
import { bestScore, decodeCursor, encodeCursor, facets, localMinutes, matches, sortOffers } from '@/lib/flights/filters';
import { buildOffer, draftOffer, pairRoundTrips, signDraft, toSlice } from '@/lib/flights/offers';
import { verifyOffer } from '@/lib/flights/offer-token';
import type { Itinerary, Segment } from '@/lib/flights/types';

const secret = 's'.repeat(40);
const airport = (iata: string, tz: string, cc = 'US') => ({ iata, name: iata, city: iata, time_zone: tz, country_code: cc });
const seg = (id: number, airline: string, from: ReturnType<typeof airport>, to: ReturnType<typeof airport>, dep: string, arr: string): Segment => ({
  flight_id: id, airline, airline_name: `${airline} Air`, flight_number: id, designator: `${airline} ${id}`, origin: from, destination: to,
  departs_at: dep, arrives_at: arr, duration_minutes: (Date.parse(arr) - Date.parse(dep)) / 60000, aircraft: { code: '32N', name: 'A320neo' }, status: 'scheduled',
});
const conditions = { refundable: true, refund_penalty_minor: 7500, changeable: true, change_penalty_minor: 5000, checked_bags: 1, carry_on: true, seat_selection: 'standard' as const };
const fares = (basic: number) => [
  { family: 'basic' as const, name: 'Basic', conditions: { ...conditions, refundable: false }, base_minor: basic - 2500, taxes_minor: 2500, total_minor: basic, per_adult_minor: basic - 2500 },
  { family: 'flex' as const, name: 'Flex', conditions, base_minor: basic * 1.45, taxes_minor: 2500, total_minor: basic * 1.45 + 2500, per_adult_minor: basic },
];
const JFK = airport('JFK', 'America/New_York'), ORD = airport('ORD', 'America/Chicago'), LAX = airport('LAX', 'America/Los_Angeles');
const itin = (ids: number[], segs: Segment[], price: number): Itinerary => ({
  flight_ids: ids, departure_date: segs[0].departs_at.slice(0, 10), departs_at: segs[0].departs_at, arrives_at: segs.at(-1)!.arrives_at,
  duration_minutes: (Date.parse(segs.at(-1)!.arrives_at) - Date.parse(segs[0].departs_at)) / 60000, stops: segs.length - 1, seats_left: 9, currency: 'USD', segments: segs, fares: fares(price),
});

const nonstop = itin([1], [seg(1, 'AA', JFK, LAX, '2026-12-10T13:00:00Z', '2026-12-10T19:30:00Z')], 30000);
const cheapConnection = itin([2, 3], [seg(2, 'UA', JFK, ORD, '2026-12-10T11:00:00Z', '2026-12-10T13:30:00Z'), seg(3, 'UA', ORD, LAX, '2026-12-10T14:45:00Z', '2026-12-10T19:15:00Z')], 21000);
const lateNonstop = itin([4], [seg(4, 'B6', JFK, LAX, '2026-12-11T01:00:00Z', '2026-12-11T07:30:00Z')], 26000);
const pax = { adults: 1, children: 0, infants: 0 };
const offers = [nonstop, cheapConnection, lateNonstop].map((x) => buildOffer([x], 'economy', pax, secret, Date.parse('2026-12-01T00:00:00Z'))!);

describe('buildOffer', () => {
  it('makes one signed offer id per fare family, the first being the offer’s default', () => {
    const o = offers[0];
    expect(o.fare_options.map((f) => f.fare_family)).toEqual(['basic', 'flex']);
    expect(o.id).toBe(o.fare_options[0].id);
    const check = verifyOffer(o.fare_options[1].id, secret, Date.parse('2026-12-01T00:05:00Z') / 1000);
    expect(check).toMatchObject({ ok: true, claims: { slices: [[1]], family: 'flex', total_minor: o.fare_options[1].price.total_minor } });
    expect(Date.parse(o.expires_at) - Date.parse('2026-12-01T00:00:00Z')).toBe(20 * 60 * 1000);
  });

  it('describes layovers between segments', () => {
    expect(toSlice(cheapConnection).layovers).toEqual([{ airport: ORD, minutes: 75 }]);
  });

  it('adds a round trip’s slices family by family', () => {
    const back = itin([9], [seg(9, 'AA', LAX, JFK, '2026-12-17T15:00:00Z', '2026-12-17T20:30:00Z')], 25000);
    const o = buildOffer([nonstop, back], 'economy', pax, secret)!;
    expect(o.price.total_minor).toBe(30000 + 25000);
    expect(o.slices).toHaveLength(2);
    expect(pairRoundTrips([nonstop], [back])).toEqual([[nonstop, back]]);
    // a return leaving before the outbound lands is not a pair
    expect(pairRoundTrips([lateNonstop], [itin([8], [seg(8, 'AA', LAX, JFK, '2026-12-11T05:00:00Z', '2026-12-11T10:00:00Z')], 1)])).toEqual([]);
  });
});

describe('draftOffer and signDraft', () => {
  it('sign a draft into exactly the offer buildOffer makes', () => {
    const at = Date.parse('2026-12-01T00:00:00Z');
    const draft = draftOffer([cheapConnection], 'economy', pax, at)!;
    expect(draft.offer.id).toBe('');
    expect(draft.offer.fare_options.every((f) => f.id === '')).toBe(true);
    expect(signDraft(draft, secret)).toEqual(buildOffer([cheapConnection], 'economy', pax, secret, at));
  });
});

describe('filters and sorting', () => {
  it('orders exact ties by their flights, not by ids that change with the clock', () => {
    const twin = itin([5], [seg(5, 'AA', JFK, LAX, '2026-12-10T13:00:00Z', '2026-12-10T19:30:00Z')], 30000);
    const order = (at: number) => sortOffers([twin, nonstop].map((x) => buildOffer([x], 'economy', pax, secret, at)!), 'price')
      .map((o) => o.slices[0].segments[0].flight_id);
    expect(order(Date.parse('2026-12-01T00:00:00Z'))).toEqual([1, 5]);
    expect(order(Date.parse('2026-12-01T00:00:07Z'))).toEqual([1, 5]);
    // drafts (no ids yet) sort the same way
    expect(sortOffers([twin, nonstop].map((x) => draftOffer([x], 'economy', pax)!.offer), 'price').map((o) => o.slices[0].segments[0].flight_id)).toEqual([1, 5]);
  });


  it('sorts by price, duration, departure and a best score that weighs stops and time', () => {
    expect(sortOffers(offers, 'price').map((o) => o.slices[0].segments[0].flight_id)).toEqual([2, 4, 1]);
    expect(sortOffers(offers, 'departure').map((o) => o.slices[0].segments[0].flight_id)).toEqual([2, 1, 4]);
    expect(sortOffers(offers, 'duration')[0].stops).toBe(0);
    expect(bestScore(offers[1])).toBe(210 + 60 + 0.4 * 495);
  });

  it('filters by stops, airlines (include and exclude), price and local departure time', () => {
    expect(offers.filter((o) => matches(o, { max_stops: 0 })).length).toBe(2);
    expect(offers.filter((o) => matches(o, { airlines: ['UA'] })).map((o) => o.airlines)).toEqual([['UA']]);
    expect(offers.filter((o) => matches(o, { exclude_airlines: ['B6', 'UA'] })).map((o) => o.airlines)).toEqual([['AA']]);
    expect(offers.filter((o) => matches(o, { price_max: 26000 })).length).toBe(2);
    // 13:00Z is 08:00 in New York; 01:00Z next day is 20:00 the evening before
    expect(localMinutes('2026-12-10T13:00:00Z', 'America/New_York')).toBe(8 * 60);
    expect(offers.filter((o) => matches(o, { depart_after: '07:30', depart_before: '12:00' })).map((o) => o.airlines)).toEqual([['AA']]);
    // arrivals at LAX: 11:30, 11:15 and 23:30 local
    expect(offers.filter((o) => matches(o, { arrive_before: '12:00' })).length).toBe(2);
  });

  it('counts stops and airlines with their lowest prices', () => {
    const f = facets(offers, new Map([['AA', 'American'], ['UA', 'United'], ['B6', 'JetBlue']]));
    expect(f.stops).toEqual([{ stops: 0, count: 2, min_price_minor: 26000 }, { stops: 1, count: 1, min_price_minor: 21000 }]);
    expect(f.airlines.map((a) => [a.airline, a.name, a.count])).toEqual([['UA', 'United', 1], ['B6', 'JetBlue', 1], ['AA', 'American', 1]]);
    expect(f.price).toEqual({ min_minor: 21000, max_minor: 30000 });
  });

  it('pages with cursors that only fit their own query', () => {
    const c = encodeCursor(20, 'q1');
    expect(decodeCursor(c, 'q1')).toBe(20);
    expect(decodeCursor(c, 'q2')).toBeNull();
    expect(decodeCursor('garbage', 'q1')).toBeNull();
  });
});
