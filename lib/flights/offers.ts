import { OFFER_TTL_SECONDS, signOffer } from './offer-token';
import type { Cabin, FareFamily, FareOption, Itinerary, Offer, Passengers, Slice } from './types';

// Turns priced itineraries into offers (pure). A one-way offer is one itinerary; a round trip
// pairs an outbound with a return itinerary and adds their prices family by family — exactly
// how the database reprices it (price_offer sums slices).

export function toSlice(it: Itinerary): Slice {
  const segs = it.segments;
  return {
    origin: segs[0].origin,
    destination: segs[segs.length - 1].destination,
    departs_at: it.departs_at,
    arrives_at: it.arrives_at,
    duration_minutes: it.duration_minutes,
    stops: it.stops,
    segments: segs,
    layovers: segs.slice(1).map((s, i) => ({
      airport: s.origin,
      minutes: Math.round((Date.parse(s.departs_at) - Date.parse(segs[i].arrives_at)) / 60000),
    })),
  };
}

export function buildOffer(
  legs: Itinerary[], cabin: Cabin, passengers: Passengers, secret: string, now = Date.now(),
): Offer | null {
  const expires = Math.floor(now / 1000) + OFFER_TTL_SECONDS;
  const families = legs[0].fares.map((f) => f.family).filter((fam) => legs.every((l) => l.fares.some((f) => f.family === fam)));
  if (!families.length) return null;
  const options: FareOption[] = families.map((family: FareFamily) => {
    const fares = legs.map((l) => l.fares.find((f) => f.family === family)!);
    const price = {
      currency: legs[0].currency,
      base_minor: fares.reduce((s, f) => s + f.base_minor, 0),
      taxes_minor: fares.reduce((s, f) => s + f.taxes_minor, 0),
      total_minor: fares.reduce((s, f) => s + f.total_minor, 0),
    };
    const id = signOffer({ slices: legs.map((l) => l.flight_ids), cabin, family, passengers, total_minor: price.total_minor, currency: price.currency, expires }, secret);
    return { id, fare_family: family, name: fares[0].name, price, conditions: fares[0].conditions };
  });
  const first = options[0];
  const slices = legs.map(toSlice);
  return {
    id: first.id,
    expires_at: new Date(expires * 1000).toISOString(),
    cabin,
    passengers,
    slices,
    stops: slices.reduce((s, x) => s + x.stops, 0),
    total_duration_minutes: slices.reduce((s, x) => s + x.duration_minutes, 0),
    seats_left: Math.min(...legs.map((l) => l.seats_left)),
    airlines: [...new Set(slices.flatMap((s) => s.segments.map((g) => g.airline)))],
    fare_family: first.fare_family,
    price: first.price,
    conditions: first.conditions,
    fare_options: options,
  };
}

/**
 * Round trips: the best few outbound itineraries paired with the best few returns (the full
 * cross product of a busy route would be thousands of offers nobody reads).
 */
export const ROUND_TRIP_LEGS = 15;

export function pairRoundTrips(outbound: Itinerary[], inbound: Itinerary[]): Itinerary[][] {
  const rank = (xs: Itinerary[]) => [...xs].sort((a, b) => legScore(a) - legScore(b)).slice(0, ROUND_TRIP_LEGS);
  const pairs: Itinerary[][] = [];
  for (const o of rank(outbound)) {
    for (const r of rank(inbound)) {
      if (Date.parse(r.departs_at) > Date.parse(o.arrives_at) + 60 * 60 * 1000) pairs.push([o, r]);
    }
  }
  return pairs;
}

function legScore(it: Itinerary): number {
  return it.fares[0].total_minor / 100 + 60 * it.stops + 0.4 * it.duration_minutes;
}
