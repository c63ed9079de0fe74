'use client';

import * as React from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Loader2Icon, PlaneIcon, SlidersHorizontalIcon } from 'lucide-react';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryError } from '@/components/ui/query-state';
import { NativeSelect } from '@/components/ui/native-select';
import { plural } from '@/components/flights/format';
import dynamic from 'next/dynamic';
import { DateStrip } from './date-strip';
import { Filters } from './filters';
import { OfferCard } from './offer-card';
import { ResultSkeleton } from './result-skeleton';
import { activeFilterCount, apiQuery, FILTER_KEYS, SORTS, withParams } from './search-params';
import type { Offer } from '@/lib/flights/types';
import type { SearchPage } from './types';
import { LAST_SEARCH_KEY } from '@/components/booking/offer-types';

// The phone's filter sheet (Radix's dialog) loads just after the page; its button waits, inert.
const FiltersSheet = dynamic(() => import('./filters-sheet').then((m) => m.FiltersSheet), {
  ssr: false,
  loading: () => (
    <Button variant="outline" className="lg:hidden" disabled>
      <SlidersHorizontalIcon aria-hidden="true" />
      Filters
    </Button>
  ),
});

/**
 * "Cheapest" and "Fastest" tags (Google Flights' way of explaining a ranking) on the first offer
 * of each, when there is a choice: offer id → tags, computed once per answer so each card's tags
 * stay the same array between renders (the cards are memoised).
 */
function highlightsOf(all: Offer[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (all.length < 2) return out;
  const first = (score: (o: Offer) => number) => all.reduce((best, o) => (score(o) < score(best) ? o : best)).id;
  const tag = (id: string, name: string) => out.set(id, [...(out.get(id) ?? []), name]);
  tag(first((o) => o.price.total_minor), 'Cheapest');
  tag(first((o) => o.total_duration_minutes), 'Fastest');
  return out;
}

/** Parameters the search form shows; the rest (filters, sort) live only in the results. */
const SEARCH_KEYS = new Set(['from', 'to', 'date', 'return_date', 'adults', 'children', 'infants', 'cabin']);

/** The results page below the search form: date strip, filters, sort and the offers. */
export function SearchResults({ today, initial }: { today: string; initial?: { query: string; page: SearchPage } | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const params = React.useMemo(() => new URLSearchParams(searchParams.toString()), [searchParams]);
  const [, startTransition] = React.useTransition();
  // Controls show the new choice at once while the URL (and so the query) catches up; any new
  // URL, including back/forward, replaces the local choice.
  const [override, setOverride] = React.useState<URLSearchParams | null>(null);
  const [seen, setSeen] = React.useState(params);
  if (seen !== params) {
    setSeen(params);
    setOverride(null);
  }
  const shown = override ?? params;
  const query = apiQuery(params);
  const complete = params.has('from') && params.has('to') && params.has('date');

  const results = useInfiniteQuery({
    queryKey: ['flight-search', query],
    queryFn: ({ pageParam, signal }) => fetchJson<SearchPage>(`/api/v1/flights/search?${apiQuery(params, pageParam)}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: complete,
    retry: (n, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && n < 1,
    // Offers expire after 20 minutes; don't show stale ones from the cache for long.
    staleTime: 60_000,
    placeholderData: (prev) => prev,
    // The server rendered the first page of this very search; other searches (filters, sort) fetch.
    initialData: initial && initial.query === query ? { pages: [initial.page], pageParams: [null] } : undefined,
  });

  // Remembered so an expired offer can send the traveller back to these results.
  React.useEffect(() => {
    if (complete) window.sessionStorage.setItem(LAST_SEARCH_KEY, `${pathname}?${params}`);
  }, [complete, pathname, params]);

  const change = (changes: Record<string, string | null>) => {
    const next = withParams(shown, changes);
    const url = `${pathname}?${next}`;
    setOverride(next);
    if (Object.keys(changes).some((k) => SEARCH_KEYS.has(k))) {
      // A new day changes the search form too, which the server renders: a real navigation,
      // and a history entry, so Back returns to the day before.
      startTransition(() => router.push(url, { scroll: false }));
    } else {
      // Filters and sort only change this client component: update the URL without a server round trip.
      window.history.replaceState(null, '', url);
    }
  };
  const clearFilters = () => change(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));

  const pages = results.data?.pages;
  const offers = React.useMemo(() => pages?.flatMap((p) => p.data) ?? [], [pages]);
  const highlights = React.useMemo(() => highlightsOf(offers), [offers]);
  const meta = pages?.[0]?.meta;
  const currency = offers[0]?.price.currency ?? 'USD';
  const filters = activeFilterCount(shown);
  const sort = shown.get('sort') ?? 'best';
  const refreshing = results.isFetching && !results.isFetchingNextPage;

  if (!complete) {
    return (
      <EmptyState icon={PlaneIcon} title="Start a search">
        Choose where from, where to and when, then search for flights.
      </EmptyState>
    );
  }

  const filterPanel = <Filters meta={meta} params={shown} currency={currency} onChange={change} />;

  return (
    <div className="flex flex-col gap-4">
      <DateStrip params={shown} today={today} onPick={change} />
      <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <aside aria-label="Filters" className="hidden lg:block">
          <div className="sticky top-20 flex flex-col gap-3 rounded-xl border bg-card p-4 shadow-sm">
            <div className="flex items-center justify-between">
              <h2 className="text-base font-semibold">Filters</h2>
              {filters > 0 && (
                <Button variant="link" size="sm" className="h-auto p-0" onClick={clearFilters}>
                  Clear all
                </Button>
              )}
            </div>
            {/* Hidden on phones but rendered: hydrated on its own, after what is on screen. */}
            <React.Suspense>{filterPanel}</React.Suspense>
          </div>
        </aside>

        <section aria-labelledby="results-title" className="flex min-w-0 flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div>
              <h2 id="results-title" className="text-lg font-semibold">
                Flights
              </h2>
              <p className="text-sm text-muted-foreground" aria-live="polite" aria-atomic="true">
                {results.isPending
                  ? 'Searching flights…'
                  : meta
                    ? `${plural(meta.matching, 'flight')}${meta.matching !== meta.total ? ` of ${meta.total}` : ''}${refreshing ? ' · updating…' : ''}`
                    : ''}
              </p>
            </div>
            <div className="flex items-center gap-2">
              <FiltersSheet active={filters} onClear={clearFilters}>
                {filterPanel}
              </FiltersSheet>
              <div className="flex items-center gap-2">
                <span id="sort-label" className="hidden text-sm text-muted-foreground sm:inline">
                  Sort by
                </span>
                {/* Native: the phone's own picker, and no select library in the page's first load. */}
                <NativeSelect aria-label="Sort by" className="h-9 w-40" value={sort} onChange={(e) => change({ sort: e.target.value === 'best' ? null : e.target.value })}>
                  {SORTS.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </NativeSelect>
              </div>
            </div>
          </div>

          {results.isPending ? (
            <div className="flex flex-col gap-3" aria-busy="true">
              {Array.from({ length: 5 }, (_, i) => (
                <ResultSkeleton key={i} />
              ))}
            </div>
          ) : results.isError && !offers.length ? (
            <ErrorState error={results.error} onRetry={() => void results.refetch()} retrying={results.isFetching} />
          ) : offers.length === 0 ? (
            filters > 0 ? (
              <EmptyState icon={PlaneIcon} title="No flights match these filters" action={<Button onClick={clearFilters}>Clear filters</Button>}>
                {meta?.total
                  ? `${plural(meta.total, 'flight')} ${meta.total === 1 ? 'flies' : 'fly'} this route on this day. Loosen or clear the filters to see ${meta.total === 1 ? 'it' : 'them'}.`
                  : 'Try clearing the filters.'}
              </EmptyState>
            ) : (
              <EmptyState icon={PlaneIcon} title="No flights on this day">
                Nothing is scheduled for this route and date. Try another day from the strip above, or a nearby airport.
              </EmptyState>
            )
          ) : (
            <ol
              // Not faded while refreshing: faded text fails contrast (axe); the count above says "updating…".
              aria-busy={refreshing || undefined}
              className="flex flex-col gap-3"
            >
              {offers.map((o) => (
                <li key={o.id}>
                  {/* A boundary per card: React hydrates each on its own, in slices between the
                      browser's other work, instead of the whole list in one long task. */}
                  <React.Suspense>
                    <OfferCard offer={o} highlights={highlights.get(o.id)} />
                  </React.Suspense>
                </li>
              ))}
            </ol>
          )}

          {results.hasNextPage && (
            <Button variant="outline" className="self-center" disabled={results.isFetchingNextPage} onClick={() => void results.fetchNextPage()}>
              {results.isFetchingNextPage && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              {results.isFetchingNextPage ? 'Loading more…' : 'Show more flights'}
            </Button>
          )}
          {results.isFetchNextPageError && <p className="text-center text-sm text-destructive">Could not load more flights. Try again.</p>}
          {offers.length > 0 && (
            <p className="text-center text-xs text-muted-foreground">
              Prices include taxes and are for all travellers. Offers are held for 20 minutes; the price is checked again before you book.
            </p>
          )}
        </section>
      </div>
    </div>
  );
}

const QUERY_FIELD: Record<string, string> = {
  date: 'Departure date',
  return_date: 'Return date',
  from: 'From',
  to: 'To',
  adults: 'Adults',
  children: 'Children',
  infants: 'Infants',
  cabin: 'Cabin',
};

/** A 400 names the query parameters at fault: say which, in the form's words; retrying won't help. */
function ErrorState({ error, onRetry, retrying }: { error: Error; onRetry: () => void; retrying: boolean }) {
  const badSearch = error instanceof ApiError && error.status === 400 && !!error.problem.errors?.length;
  return (
    <QueryError
      layout="panel"
      headingLevel={3}
      error={error}
      title={badSearch ? 'Check the search' : 'We couldn’t load flights'}
      fieldLabel={(field) => {
        const key = field.replace(/^query\./, '');
        return QUERY_FIELD[key] ?? key;
      }}
      action={badSearch && <p className="text-sm">Change the search above and search again.</p>}
      onRetry={onRetry}
      retrying={retrying}
    />
  );
}
