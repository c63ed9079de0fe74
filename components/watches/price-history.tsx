import 'server-only';
import { routeHistoryQuery } from '@/lib/watches/schema';
import { routeHistory } from '@/lib/watches/watches';
import type { RouteHistory } from '@/lib/watches/types';
import { BellPlusIcon, CheckIcon, ChevronDownIcon, LineChartIcon } from 'lucide-react';
import { money } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { INSIGHT } from './insight';
import { PriceHistoryFrame } from './price-history-frame';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { DeferredWatchButton } from './deferred-watch-button';
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

/**
 * Above the results: how today's fare compares with the route's history ("Prices are low"), the
 * history chart on demand, and "Track prices". `history` is null until it is there (the section
 * keeps its shape meanwhile) or when it could not be read.
 */
function PriceHistoryView({ history: h, request, signedIn, returnTo }: { history: RouteHistory | null; request: WatchRequest; signedIn: boolean; returnTo: string }) {
  const insight = h?.insight ? INSIGHT[h.insight] : null;
  return (
    <PriceHistoryFrame
      history={h}
      icons={{ chart: <LineChartIcon aria-hidden="true" />, chevron: <ChevronDownIcon aria-hidden="true" className="size-4" /> }}
      heading={
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="price-history-heading" className="text-base font-semibold">Price history</h2>
          {insight && <Badge variant={insight.variant} data-testid="price-insight">{insight.text}</Badge>}
        </div>
      }
      actions={
        signedIn ? (
          <DeferredWatchButton
            signedIn
            returnTo={returnTo}
            request={request}
            icons={{ track: <BellPlusIcon aria-hidden="true" />, done: <CheckIcon aria-hidden="true" /> }}
            fallback={
              <Button variant="outline" size="sm" disabled>
                <BellPlusIcon aria-hidden="true" /> Track prices
              </Button>
            }
          />
        ) : (
          // Signed out it is only a link: no code for it in the browser, and not prefetched (the
          // results page loads with it in view, and a phone's load has better uses for the network, #15).
          <Button asChild variant="outline" size="sm">
            <Link href={`/sign-in?redirect_url=${encodeURIComponent(returnTo)}`} prefetch={false}>
              <BellPlusIcon aria-hidden="true" /> Sign in to track prices
            </Link>
          </Button>
        )
      }
      line={
        // Its own line, there (one line high) before the history arrives: the text coming in beside the
        // heading used to wrap the row on a tablet and push the results down (#14).
        <p className="min-h-5 text-sm text-muted-foreground">
          {[
            h && h.current_minor !== null && h.typical_low_minor !== null && h.typical_high_minor !== null &&
              `${money(h.current_minor, h.currency)} today; usually ${money(h.typical_low_minor, h.currency)}–${money(h.typical_high_minor, h.currency)}.`,
            h && !insight && 'Not enough history yet to say whether prices are low.',
          ].filter(Boolean).join(' ')}
        </p>
      }
    />
  );
}
