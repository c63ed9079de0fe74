import { dateTimeFormat } from '@/lib/intl/formats';
import type { Offer } from './types';

// Filters, sorting, facets and pagination over a search's offers (pure, so the rules are
// tested on their own and every driver behaves the same).

export type Sort = 'best' | 'price' | 'duration' | 'departure';

export interface OfferFilters {
  price_min?: number;
  price_max?: number;
  airlines?: string[];
  exclude_airlines?: string[];
  max_stops?: number;
  max_duration?: number;
  /** Outbound departure window, local time at the origin, "HH:MM". */
  depart_after?: string;
  depart_before?: string;
  /** Outbound arrival window, local time at the destination. */
  arrive_after?: string;
  arrive_before?: string;
}

export interface Facets {
  total: number;
  stops: { stops: number; count: number; min_price_minor: number }[];
  airlines: { airline: string; name: string; count: number; min_price_minor: number }[];
  price: { min_minor: number; max_minor: number } | null;
  duration: { min_minutes: number; max_minutes: number } | null;
}

/** Minutes after local midnight of an instant in an IANA zone. */
export function localMinutes(iso: string, timeZone: string): number {
  const parts = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

const hhmm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export function matches(offer: Offer, f: OfferFilters): boolean {
  const total = offer.price.total_minor;
  if (f.price_min !== undefined && total < f.price_min) return false;
  if (f.price_max !== undefined && total > f.price_max) return false;
  if (f.max_stops !== undefined && offer.slices.some((s) => s.stops > f.max_stops!)) return false;
  if (f.max_duration !== undefined && offer.slices.some((s) => s.duration_minutes > f.max_duration!)) return false;
  if (f.airlines?.length && !offer.airlines.every((a) => f.airlines!.includes(a))) return false;
  if (f.exclude_airlines?.length && offer.airlines.some((a) => f.exclude_airlines!.includes(a))) return false;
  const out = offer.slices[0];
  if (f.depart_after || f.depart_before) {
    const m = localMinutes(out.departs_at, out.origin.time_zone);
    if (f.depart_after && m < hhmm(f.depart_after)) return false;
    if (f.depart_before && m > hhmm(f.depart_before)) return false;
  }
  if (f.arrive_after || f.arrive_before) {
    const m = localMinutes(out.arrives_at, out.destination.time_zone);
    if (f.arrive_after && m < hhmm(f.arrive_after)) return false;
    if (f.arrive_before && m > hhmm(f.arrive_before)) return false;
  }
  return true;
}

/**
 * "Best" trades price against time and connections, as Google Flights' default does: the
 * price per traveller in currency units, plus 60 per stop, plus 0.4 per minute in the air
 * (about 24 an hour).
 */
export function bestScore(offer: Offer): number {
  const travellers = Math.max(1, offer.passengers.adults + offer.passengers.children);
  return offer.price.total_minor / 100 / travellers + 60 * offer.stops + 0.4 * offer.total_duration_minutes;
}

const firstDeparture = (o: Offer) => Date.parse(o.slices[0].departs_at);
/** The flights an offer is made of: what tells two offers apart whatever their (time-stamped, signed) ids. */
const flightsOf = (o: Offer) => o.slices.map((s) => s.segments.map((g) => g.flight_id).join('.')).join('/');

export function sortOffers(offers: Offer[], sort: Sort): Offer[] {
  const key: Record<Sort, (o: Offer) => number> = {
    best: bestScore,
    price: (o) => o.price.total_minor,
    duration: (o) => o.total_duration_minutes,
    departure: firstDeparture,
  };
  // Ties broken by price, departure, then the flights themselves, so pages are stable between
  // requests (not by id: an offer's id carries its expiry, so it changes every second).
  const score = new Map(offers.map((o) => [o, key[sort](o)]));
  const flights = new Map(offers.map((o) => [o, flightsOf(o)]));
  return [...offers].sort((a, b) => score.get(a)! - score.get(b)! || a.price.total_minor - b.price.total_minor
    || firstDeparture(a) - firstDeparture(b) || (flights.get(a)! < flights.get(b)! ? -1 : flights.get(a)! > flights.get(b)! ? 1 : 0));
}

/** Counts over every offer found (before filters), for the filter controls. */
export function facets(offers: Offer[], airlineNames: Map<string, string>): Facets {
  const stops = new Map<number, { count: number; min: number }>();
  const airlines = new Map<string, { count: number; min: number }>();
  for (const o of offers) {
    const p = o.price.total_minor;
    const s = stops.get(o.stops) ?? { count: 0, min: Infinity };
    stops.set(o.stops, { count: s.count + 1, min: Math.min(s.min, p) });
    for (const a of o.airlines) {
      const x = airlines.get(a) ?? { count: 0, min: Infinity };
      airlines.set(a, { count: x.count + 1, min: Math.min(x.min, p) });
    }
  }
  const prices = offers.map((o) => o.price.total_minor);
  const durations = offers.map((o) => o.total_duration_minutes);
  return {
    total: offers.length,
    stops: [...stops].sort((a, b) => a[0] - b[0]).map(([n, v]) => ({ stops: n, count: v.count, min_price_minor: v.min })),
    airlines: [...airlines].sort((a, b) => a[1].min - b[1].min || a[0].localeCompare(b[0]))
      .map(([code, v]) => ({ airline: code, name: airlineNames.get(code) ?? code, count: v.count, min_price_minor: v.min })),
    price: offers.length ? { min_minor: Math.min(...prices), max_minor: Math.max(...prices) } : null,
    duration: offers.length ? { min_minutes: Math.min(...durations), max_minutes: Math.max(...durations) } : null,
  };
}

/** Opaque cursors: the position in the sorted list, tied to the query that produced it. */
export function encodeCursor(offset: number, queryKey: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryKey })).toString('base64url');
}

export function decodeCursor(cursor: string, queryKey: string): number | null {
  try {
    const { o, q } = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    return Number.isInteger(o) && o >= 0 && q === queryKey ? o : null;
  } catch {
    return null;
  }
}
