import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PencilIcon } from 'lucide-react';
import { config } from '@/lib/config';
import { searchAirports } from '@/lib/airports/search';
import { DeferredSearchForm } from '@/components/search/deferred-search-form';
import { SearchFormPlaceholder } from '@/components/search/search-form-placeholder';
import { searchIcons } from '@/components/search/search-icons';
import { searchFromParams } from '@/components/search/search-schema';
import { SearchResults } from '@/components/results/search-results';
import { SearchPanel } from '@/components/results/search-panel';
import { ResultsPlaceholder } from '@/components/results/results-placeholder';
import { passengerSummary } from '@/components/search/search-schema';
import { shortDay } from '@/components/search/days';
import { getViewer } from '@/lib/auth/viewer';
import { PriceHistory, PriceHistoryFallback } from '@/components/watches/price-history';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function toParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') params.set(k, v);
  return params;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const p = toParams(await searchParams);
  const from = p.get('from')?.toUpperCase();
  const to = p.get('to')?.toUpperCase();
  return { title: from && to ? `Flights ${from} to ${to}` : 'Search flights' };
}

/** An airport by exact code, for showing the form pre-filled; null when unknown. */
async function airport(code: string | undefined) {
  if (!code) return null;
  const rows = await searchAirports(code, 5);
  return rows.find((a) => a.iata === code) ?? null;
}

export default async function SearchPage({ searchParams }: Props) {
  const params = toParams(await searchParams);
  const search = searchFromParams(params);
  const [from, to, viewer] = await Promise.all([airport(search.from), airport(search.to), getViewer()]);
  const today = new Date().toISOString().slice(0, 10);
  const heading = from && to ? `${from.city ?? from.name} to ${to.city ?? to.name}` : 'Search flights';
  // Remount the form when the search itself changes (e.g. a day picked on the date strip), not on filters.
  const formKey = JSON.stringify(search);
  const summary = [
    from && to ? `${from.iata} → ${to.iata}` : null,
    search.date ? shortDay(search.date) : null,
    search.tripType === 'return' && search.returnDate ? `back ${shortDay(search.returnDate)}` : null,
    passengerSummary({ adults: search.adults ?? 1, children: search.children ?? 0, infants: search.infants ?? 0 }),
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">{heading}</h1>
      <SearchPanel summary={summary} startOpen={!from || !to || !search.date} icon={<PencilIcon aria-hidden="true" />}>
        {/* Its code loads after the page's (deferred-search-form.tsx: #14's budget); the placeholder holds its place. */}
        <DeferredSearchForm
          key={formKey}
          fallback={<SearchFormPlaceholder />}
          today={today}
          windowDays={config().env.SCHEDULE_DAYS}
          initial={{ search, from, to }}
          icons={searchIcons()}
        />
      </SearchPanel>
      {/* Both streamed after the shell, rendered on the server (#15): the history in its own empty shape meanwhile, the
          results as a screen-tall stand-in, so nothing on screen moves when they arrive (components/results/results-placeholder.tsx).
          Fallbacks show on a first load only: a filter or a day chosen is a transition, which keeps the old results meanwhile. */}
      <Suspense fallback={<PriceHistoryFallback params={params} signedIn={viewer !== null} />}>
        <PriceHistory params={params} signedIn={viewer !== null} />
      </Suspense>
      <Suspense fallback={<ResultsPlaceholder />}>
        <SearchResults params={params} today={today} />
      </Suspense>
    </div>
  );
}
