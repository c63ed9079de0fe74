'use client';

import * as React from 'react';
import dynamic from 'next/dynamic';
import { ChevronDownIcon, LineChartIcon } from 'lucide-react';
import { money } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import type { RouteHistory } from '@/lib/watches/types';
import { INSIGHT } from './insight';
import { WatchButton, type WatchRequest } from './watch-button';

const PriceChart = dynamic(() => import('./price-chart').then((m) => m.PriceChart), { ssr: false, loading: () => <Skeleton className="h-48 w-full" /> });

/**
 * Above the results: how today's fare compares with the route's history ("Prices are low"), the
 * history chart on demand, and "Track prices". The history is read on the server (price-history.tsx);
 * `history` is null until it is there (the section keeps its shape meanwhile) or when it failed.
 */
export function PriceHistoryView({ history: h, request, signedIn, returnTo }: { history: RouteHistory | null; request: WatchRequest; signedIn: boolean; returnTo: string }) {
  const [open, setOpen] = React.useState(false);
  const insight = h?.insight ? INSIGHT[h.insight] : null;
  return (
    <section aria-labelledby="price-history-heading" className="flex flex-col gap-3 rounded-xl border bg-card p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="price-history-heading" className="text-base font-semibold">Price history</h2>
          {insight && <Badge variant={insight.variant} data-testid="price-insight">{insight.text}</Badge>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <WatchButton signedIn={signedIn} returnTo={returnTo} request={request} />
          <Button variant="ghost" size="sm" aria-expanded={open} aria-controls="price-history-chart" disabled={!h?.history.length} onClick={() => setOpen((o) => !o)}>
            <LineChartIcon aria-hidden="true" /> {open ? 'Hide chart' : 'Show chart'}
            <ChevronDownIcon aria-hidden="true" className={open ? 'rotate-180 transition-transform' : 'transition-transform'} />
          </Button>
        </div>
      </div>
      {/* Its own line, there (one line high) before the history arrives: the text coming in beside the
          heading used to wrap the row on a tablet and push the results down (#14). */}
      <p className="min-h-5 text-sm text-muted-foreground">
        {[
          h && h.current_minor !== null && h.typical_low_minor !== null && h.typical_high_minor !== null &&
            `${money(h.current_minor, h.currency)} today; usually ${money(h.typical_low_minor, h.currency)}–${money(h.typical_high_minor, h.currency)}.`,
          h && !insight && 'Not enough history yet to say whether prices are low.',
        ].filter(Boolean).join(' ')}
      </p>
      <div id="price-history-chart" hidden={!open}>
        {open && h && <PriceChart history={h} />}
        {open && h && <p className="mt-1 text-xs text-muted-foreground">Lowest one-way fare for one adult in this cabin, as seen each day on this route; the shaded band is the typical range.</p>}
      </div>
    </section>
  );
}
