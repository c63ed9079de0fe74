import 'server-only';
import { sessionSecret } from '@/lib/auth/session-secret';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { decodeCursor, encodeCursor, facets, matches, sortOffers, type Facets } from './filters';
import { ItinerarySearch } from './itinerary-search';
import { draftOffer, pairRoundTrips, signDraft, type OfferDraft } from './offers';
import type { CalendarQuery, SearchQuery } from './search-schema';
import type { Itinerary, Offer } from './types';

export interface SearchResult {
  data: Offer[];
  nextCursor: string | null;
  meta: Facets & { matching: number; sort: SearchQuery['sort'] };
}

const g = globalThis as unknown as { __traqoraItinerarySearch?: ItinerarySearch };

/** The itineraries for one direction, and when the cached copy they came from stops being served. */
function itineraries(from: string, to: string, dateFrom: string, dateTo: string, q: Pick<SearchQuery, 'cabin' | 'adults' | 'children' | 'infants' | 'max_stops'>) {
  // A few seconds' cache, in memory and shared by the instances (itinerary-search.ts says how,
  // search-cache.ts why that cannot sell a gone seat).
  g.__traqoraItinerarySearch ??= new ItinerarySearch(db, config().env.SEARCH_CACHE_SECONDS);
  return g.__traqoraItinerarySearch.lookup({ origin: from, destination: to, date_from: dateFrom, date_to: dateTo, cabin: q.cabin,
    adults: q.adults, children: q.children, infants: q.infants, max_stops: q.max_stops });
}

/** Flight search: the database finds and prices itineraries; offers, filters and order are ours. */
export async function searchOffers(q: SearchQuery): Promise<SearchResult> {
  return (await searchWithExpiry(q)).result;
}

/**
 * searchOffers, and the moment its answer must stop being served from a cache: when the cached
 * itineraries it was built from expire (ms since the epoch; now when nothing was cached).
 */
export async function searchWithExpiry(q: SearchQuery): Promise<{ result: SearchResult; expires: number }> {
  const passengers = { adults: q.adults, children: q.children, infants: q.infants };
  const secret = sessionSecret();
  // A round trip's two directions are independent searches: asked at once, not one after the other.
  const found = [itineraries(q.from, q.to, q.date, q.date, q), q.return_date ? itineraries(q.to, q.from, q.return_date, q.return_date, q) : null];
  const [outbound, inbound] = await Promise.all(found.map((f) => f?.value ?? null));
  const expires = Math.min(...found.map((f) => f?.expires ?? Infinity));
  const legs = inbound ? pairRoundTrips(outbound!, inbound) : outbound!.map((o) => [o]);
  // Drafts (priced, unsigned) for filters, facets and order; only the page answered is signed.
  const drafts = new Map<Offer, OfferDraft>();
  for (const l of legs) {
    const d = draftOffer(l, q.cabin, passengers);
    if (d) drafts.set(d.offer, d);
  }
  const all = [...drafts.keys()];

  const names = new Map(all.flatMap((o) => o.slices.flatMap((s) => s.segments.map((g) => [g.airline, g.airline_name] as const))));
  const filtered = sortOffers(all.filter((o) => matches(o, q)), q.sort);

  const queryKey = JSON.stringify([q.from, q.to, q.date, q.return_date, q.cabin, q.adults, q.children, q.infants, q.sort,
    q.price_min, q.price_max, q.airlines, q.exclude_airlines, q.max_stops, q.max_duration, q.depart_after, q.depart_before, q.arrive_after, q.arrive_before]);
  const offset = q.cursor ? decodeCursor(q.cursor, queryKey) : 0;
  if (offset === null) throw new HttpProblem(400, 'The cursor does not belong to this search.', [{ field: 'query.cursor', message: 'is not a cursor from this search' }]);
  const page = filtered.slice(offset, offset + q.limit).map((o) => signDraft(drafts.get(o)!, secret));
  const next = offset + q.limit < filtered.length ? encodeCursor(offset + q.limit, queryKey) : null;
  return { result: { data: page, nextCursor: next, meta: { ...facets(all, names), matching: filtered.length, sort: q.sort } }, expires };
}

export interface CalendarDay {
  date: string;
  /** For a return trip: the return day that goes with `date` (the trip length kept). */
  return_date?: string;
  /** The cheapest default fare that day: one way, or outbound plus return for a return trip. */
  min_price_minor: number | null;
  currency: string;
  offers: number;
}

const cheapestOn = (found: Itinerary[], d: string) => {
  const prices = found.filter((it) => it.departure_date === d).map((it) => it.fares[0].total_minor);
  return { min: prices.length ? Math.min(...prices) : null, count: prices.length };
};

/**
 * Flexible dates: the cheapest default fare per departure day, three days either side. For a
 * return trip each day moves both flights by the same number of days, and its price is the
 * cheapest outbound plus the cheapest return (round-trip fares here are the two slices' sum).
 */
export async function priceCalendar(q: CalendarQuery): Promise<CalendarDay[]> {
  const shift = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  const from = shift(q.date, -3) < today ? today : shift(q.date, -3);
  const [out, back] = await Promise.all([
    itineraries(q.from, q.to, from, shift(q.date, 3), q).value,
    q.return_date ? itineraries(q.to, q.from, shift(q.return_date, -3) < today ? today : shift(q.return_date, -3), shift(q.return_date, 3), q).value : null,
  ]);
  const days: CalendarDay[] = [];
  for (let n = -3; n <= 3; n++) {
    const d = shift(q.date, n);
    const o = cheapestOn(out, d);
    if (!q.return_date || !back) {
      days.push({ date: d, min_price_minor: o.min, currency: 'USD', offers: o.count });
      continue;
    }
    const r = cheapestOn(back, shift(q.return_date, n));
    days.push({
      date: d, return_date: shift(q.return_date, n), currency: 'USD', offers: o.count * r.count,
      min_price_minor: o.min !== null && r.min !== null ? o.min + r.min : null,
    });
  }
  return days;
}
