import type { RepricedOffer, Segment } from '@/lib/flights/types';
import { LAST_SEARCH_KEY } from '@/components/results/last-search';

export type { RepricedOffer } from '@/lib/flights/types';

/**
 * The total an offer id was issued with. Offer ids carry their claims in readable base64url
 * JSON (signed, not secret); the review page uses this to say what the price was before a change.
 */
export function offerIdTotal(id: string): number | null {
  const m = /^off_([A-Za-z0-9_-]+)\./.exec(id);
  if (!m) return null;
  try {
    const b64 = m[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '='))) as unknown[];
    return typeof claims[6] === 'number' ? claims[6] : null;
  } catch {
    return null;
  }
}

/** The /search URL that finds this itinerary again (for "search again" after expiry). */
export function searchAgainHref(offer: Pick<RepricedOffer, 'slices_detail' | 'passengers' | 'cabin'>): string {
  const out = offer.slices_detail[0];
  if (!out?.length) return '/';
  const dayOf = (s: Segment) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: s.origin.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(s.departs_at));
  const params = new URLSearchParams({ from: out[0].origin.iata, to: out[out.length - 1].destination.iata, date: dayOf(out[0]) });
  const back = offer.slices_detail[1];
  if (back?.length) params.set('return_date', dayOf(back[0]));
  params.set('adults', String(offer.passengers.adults));
  params.set('children', String(offer.passengers.children));
  params.set('infants', String(offer.passengers.infants));
  params.set('cabin', offer.cabin);
  return `/search?${params}`;
}

export { LAST_SEARCH_KEY };

/** The last results page this tab showed, or home. */
export function lastSearchHref(): string {
  if (typeof window === 'undefined') return '/';
  return window.sessionStorage.getItem(LAST_SEARCH_KEY) ?? '/';
}

/**
 * The review page's path for an offer. Offer ids contain a dot (payload.signature), and the
 * proxy's matcher skips dotted paths as if they were static files, which leaves the page
 * without Clerk's auth state; '~' (never in an id) stands in for the dot in the path.
 */
export function offerHref(id: string): string {
  return `/offers/${id.replace('.', '~')}`;
}

/** The offer id from the review page's path segment (either form). */
export function offerIdFromParam(param: string): string {
  return decodeURIComponent(param).replace('~', '.');
}
