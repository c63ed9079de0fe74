import 'server-only';
import { routeHistoryQuery } from '@/lib/watches/schema';
import { routeHistory } from '@/lib/watches/watches';
import type { RouteHistory } from '@/lib/watches/types';
import { PriceHistoryView } from './price-history-view';
import type { WatchRequest } from './watch-button';

type Props = { params: URLSearchParams; signedIn: boolean };

/** The watch a results URL describes, or null when it is not a complete one-route search. */
function watchRequest(params: URLSearchParams): WatchRequest | null {
  const from = params.get('from')?.toUpperCase() ?? '';
  const to = params.get('to')?.toUpperCase() ?? '';
  const date = params.get('date') ?? '';
  if (!/^[A-Z]{3}$/.test(from) || !/^[A-Z]{3}$/.test(to) || !/^\d{4}-\d{2}-\d{2}$/.test(date) || from === to) return null;
  const count = (k: string, d: number) => Number(params.get(k) ?? d) || d;
  const ret = params.get('return_date');
  return { origin: from, destination: to, depart_date: date, ...(ret ? { return_date: ret } : {}), cabin: params.get('cabin') ?? 'economy',
           adults: count('adults', 1), children: count('children', 0) };
}

/**
 * The results page's price history for the route in the URL, read on the server (the API's
 * GET /api/v1/watches/route-history answers the same); streamed after the page shell, with the
 * section's empty shape in its place meanwhile (PriceHistoryFallback), so nothing below moves.
 */
export async function PriceHistory({ params, signedIn }: Props) {
  const request = watchRequest(params);
  if (!request) return null;
  const q = routeHistoryQuery.safeParse({ from: request.origin, to: request.destination, cabin: request.cabin, date: request.depart_date });
  const history: RouteHistory | null = q.success ? await routeHistory(q.data).catch(() => null) : null;
  return <PriceHistoryView history={history} request={request} signedIn={signedIn} returnTo={`/search?${params}`} />;
}

export function PriceHistoryFallback({ params, signedIn }: Props) {
  const request = watchRequest(params);
  return request && <PriceHistoryView history={null} request={request} signedIn={signedIn} returnTo={`/search?${params}`} />;
}
