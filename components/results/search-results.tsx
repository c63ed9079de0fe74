import 'server-only';
import { Loader2Icon, PlaneIcon, SlidersHorizontalIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { logger } from '@/lib/log/logger';
import { plural } from '@/components/flights/format';
import { calendarQuerySchema, searchQuerySchema } from '@/lib/flights/search-schema';
import { priceCalendar, searchOffers, type SearchResult } from '@/lib/flights/search';
import type { Offer } from '@/lib/flights/types';
import { ClearFilters } from './clear-filters';
import { DateStrip } from './date-strip';
import { Filters } from './filters';
import { LazyFiltersSheet } from './lazy-filters-sheet';
import { OfferCard } from './offer-card';
import { OfferList, UpdatingNote } from './results-busy';
import { ResultsStateProvider } from './results-state';
import { SearchProblem } from './search-problem';
import { activeFilterCount, apiQuery, MAX_SHOWN, SHOWN_KEY, shownOf } from './search-params';
import { ShowMore } from './show-more';
import { SortSelect } from './sort-select';
import type { CalendarDay } from './types';

/**
 * "Cheapest" and "Fastest" tags (Google Flights' way of explaining a ranking) on the first offer
 * of each among those shown, when there is a choice: offer id → tags.
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

/**
 * The results below the search form — date strip, filters, sort and the offers — rendered on the
 * server from the URL (#15: on a phone, hydrating them in the browser was most of the page's
 * main-thread work). The search runs here through lib/flights, as the API's would; the browser
 * runs only the controls (filters, sort, the days, Show more, each card's Details & fares), which
 * change the URL (results-state.tsx) and get the next render.
 */
export async function SearchResults({ params, today }: { params: URLSearchParams; today: string }) {
  if (!params.has('from') || !params.has('to') || !params.has('date')) {
    return (
      <EmptyState icon={PlaneIcon} title="Start a search">
        Choose where from, where to and when, then search for flights.
      </EmptyState>
    );
  }
  const parsed = searchQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(apiQuery(params))));
  if (!parsed.success) {
    return <SearchProblem title="Check the search" issues={parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }))} />;
  }
  const q = parsed.data;
  // "Show more" asks for more offers in one search, not a page after a cursor: the list is one render.
  const shown = shownOf(params, q.limit);
  const calendarQuery = calendarQuerySchema.safeParse(q);
  const [found, calendar] = await Promise.all([
    searchOffers({ ...q, limit: shown }).catch((err: unknown) => {
      logger.error({ err }, 'search page: the search failed');
      return { failed: true as const };
    }),
    calendarQuery.success ? priceCalendar(calendarQuery.data).catch(() => null) : null,
  ]);

  return (
    <ResultsStateProvider query={params.toString()}>
      <div className="flex flex-col gap-4">
        {calendar && <DateStrip days={calendar as CalendarDay[]} params={params} today={today} />}
        {'failed' in found ? (
          <SearchProblem
            title="We couldn’t load flights"
            detail="The search did not answer. Try again in a moment."
            action={
              <Button asChild variant="outline">
                {/* The same URL again: the server searches again (and it works before any JavaScript). */}
                <a href={`?${params}`}>Try again</a>
              </Button>
            }
          />
        ) : (
          <Found result={found} params={params} shown={shown} pageSize={q.limit} />
        )}
      </div>
    </ResultsStateProvider>
  );
}

const BELOW_THE_FOLD = { contentVisibility: 'auto', containIntrinsicSize: 'auto 11rem' } as const;

function Found({ result, params, shown, pageSize }: { result: SearchResult; params: URLSearchParams; shown: number; pageSize: number }) {
  const { data: offers, meta, nextCursor } = result;
  const highlights = highlightsOf(offers);
  const currency = offers[0]?.price.currency ?? 'USD';
  const filterCount = activeFilterCount(params);
  const filtered = filterCount > 0;
  const more = new URLSearchParams(params);
  more.set(SHOWN_KEY, String(Math.min(MAX_SHOWN, shown + pageSize)));

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <aside aria-label="Filters" className="hidden lg:block">
        <div className="sticky top-20 flex flex-col gap-3 rounded-xl border bg-card p-4 shadow-sm">
          <div className="flex items-center justify-between">
            <h2 className="text-base font-semibold">Filters</h2>
            <ClearFilters />
          </div>
          <Filters meta={meta} currency={currency} />
        </div>
      </aside>

      <section aria-labelledby="results-title" className="flex min-w-0 flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div>
            <h2 id="results-title" className="text-lg font-semibold">
              Flights
            </h2>
            <p className="text-sm text-muted-foreground" aria-live="polite" aria-atomic="true">
              {plural(meta.matching, 'flight')}
              {meta.matching !== meta.total ? ` of ${meta.total}` : ''}
              <UpdatingNote />
            </p>
          </div>
          <div className="flex items-center gap-2">
            <LazyFiltersSheet
              fallback={
                // The sheet's own button, as filters-sheet.tsx draws it (count included).
                <Button variant="outline" className="lg:hidden" aria-haspopup="dialog" aria-expanded={false} disabled>
                  <SlidersHorizontalIcon aria-hidden="true" />
                  Filters{filterCount > 0 && ` (${filterCount})`}
                </Button>
              }
            >
              <Filters meta={meta} currency={currency} />
            </LazyFiltersSheet>
            <div className="flex items-center gap-2">
              <span id="sort-label" className="hidden text-sm text-muted-foreground sm:inline">
                Sort by
              </span>
              <SortSelect />
            </div>
          </div>
        </div>

        {offers.length === 0 ? (
          filtered ? (
            <EmptyState icon={PlaneIcon} title="No flights match these filters" action={<ClearFilters label="Clear filters" variant="default" always />}>
              {meta.total
                ? `${plural(meta.total, 'flight')} ${meta.total === 1 ? 'flies' : 'fly'} this route on this day. Loosen or clear the filters to see ${meta.total === 1 ? 'it' : 'them'}.`
                : 'Try clearing the filters.'}
            </EmptyState>
          ) : (
            <EmptyState icon={PlaneIcon} title="No flights on this day">
              Nothing is scheduled for this route and date. Try another day from the strip above, or a nearby airport.
            </EmptyState>
          )
        ) : (
          <OfferList>
            {offers.map((o, i) => (
              // Below the first screen the browser skips a card's layout and paint until it is near
              // (content-visibility), so a long list costs the phone little on load (#15).
              <li key={o.id} style={i >= 4 ? BELOW_THE_FOLD : undefined}>
                <OfferCard offer={o} highlights={highlights.get(o.id)} />
              </li>
            ))}
          </OfferList>
        )}

        {nextCursor !== null && shown < MAX_SHOWN && <ShowMore href={`?${more}`} spinner={<Loader2Icon className="animate-spin" aria-hidden="true" />} />}
        {offers.length > 0 && (
          <p className="text-center text-xs text-muted-foreground">
            Prices include taxes and are for all travellers. Offers are held for 20 minutes; the price is checked again before you book.
          </p>
        )}
      </section>
    </div>
  );
}
