// The results page keeps the whole query — search, filters and sort — in the URL, so a reload,
// the back button or a shared link shows the same results. These helpers read and edit it.

export const SORTS = [
  { value: 'best', label: 'Best' },
  { value: 'price', label: 'Cheapest' },
  { value: 'duration', label: 'Fastest' },
  { value: 'departure', label: 'Departure time' },
] as const;
export type Sort = (typeof SORTS)[number]['value'];

/** Parameters that narrow the results; "Clear filters" removes exactly these. */
export const FILTER_KEYS = [
  'price_max',
  'airlines',
  'max_stops',
  'max_duration',
  'depart_after',
  'depart_before',
  'arrive_after',
  'arrive_before',
] as const;

/** Parts of the day for the time filters, as the HH:MM bounds the API takes. */
export const DAY_PARTS = [
  { id: 'any', label: 'Any time', after: null, before: null },
  { id: 'night', label: 'Early (00–06)', after: '00:00', before: '05:59' },
  { id: 'morning', label: 'Morning (06–12)', after: '06:00', before: '11:59' },
  { id: 'afternoon', label: 'Afternoon (12–18)', after: '12:00', before: '17:59' },
  { id: 'evening', label: 'Evening (18–24)', after: '18:00', before: '23:59' },
] as const;

export function dayPartOf(after: string | null, before: string | null): string {
  return DAY_PARTS.find((p) => p.after === after && p.before === before)?.id ?? (after || before ? 'custom' : 'any');
}

/** How many offers the page shows ("Show more flights" raises it by a page); absent means one page. */
export const SHOWN_KEY = 'shown';
/** The most offers one results page shows: past this, narrowing the search beats scrolling. */
export const MAX_SHOWN = 200;

/** The number of offers a results URL asks to show: at least one page, at most MAX_SHOWN. */
export function shownOf(params: URLSearchParams, pageSize: number): number {
  const n = Number(params.get(SHOWN_KEY));
  return Number.isInteger(n) && n > pageSize ? Math.min(n, MAX_SHOWN) : pageSize;
}

/** A copy of `params` with `changes` applied (null removes), back on the first page (paging cursor and count dropped). */
export function withParams(params: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
  }
  next.delete('cursor');
  next.delete(SHOWN_KEY);
  return next;
}

export function activeFilterCount(params: URLSearchParams): number {
  const keys = new Set(FILTER_KEYS.filter((k) => params.has(k)).map((k) => k.replace(/_(after|before)$/, '')));
  return keys.size;
}

/**
 * The search a results URL asks for, as the API's query parameters: the first page of `pageSize`
 * offers (the page's own count, `shown`, is left out; the server asks for that many at once).
 */
export function apiQuery(params: URLSearchParams, cursor?: string | null): string {
  const q = new URLSearchParams(params);
  q.delete('cursor');
  q.delete(SHOWN_KEY);
  if (cursor) q.set('cursor', cursor);
  if (!q.has('limit')) q.set('limit', '20');
  return q.toString();
}
