import { OFFER_TTL_SECONDS, signOffer } from './offer-token';
import { tripFacts } from './trip';
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
  const draft = draftOffer(legs, cabin, passengers, now);
  return draft && signDraft(draft, secret);
}

/**
 * An offer priced but not signed: every id is '' until signDraft. A search filters, sorts and
 * pages its drafts and signs only the page it answers with (an HMAC per fare family of every
 * itinerary found was most of the search's own CPU work; a page is 20 of up to 225 round trips).
 */
export interface OfferDraft { offer: Offer; flightIds: number[][]; expires: number }

export function draftOffer(legs: Itinerary[], cabin: Cabin, passengers: Passengers, now = Date.now()): OfferDraft | null {
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
    return { id: '', fare_family: family, name: fares[0].name, price, conditions: fares[0].conditions };
  });
  const first = options[0];
  const slices = legs.map(toSlice);
  const offer: Offer = {
    id: '',
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
  return { offer, flightIds: legs.map((l) => l.flight_ids), expires };
}

/** The draft's offer with its ids: each fare family's signed claims (offer-token.ts); the offer's id is its cheapest family's. */
export function signDraft({ offer, flightIds, expires }: OfferDraft, secret: string): Offer {
  const trip = tripFacts(offer.slices.flatMap((s) => s.segments));
  const fare_options = offer.fare_options.map((o) => ({
    ...o,
    id: signOffer({ slices: flightIds, cabin: offer.cabin, family: o.fare_family, passengers: offer.passengers,
      total_minor: o.price.total_minor, currency: o.price.currency, expires, trip }, secret),
  }));
  return { ...offer, id: fare_options[0].id, fare_options };
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
