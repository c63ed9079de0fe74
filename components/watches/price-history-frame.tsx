'use client';

import * as React from 'react';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { deferredComponent } from '@/components/ui/deferred-component';
import type { RouteHistory } from '@/lib/watches/types';

// recharts loads only when the chart is opened.
const PriceChart = deferredComponent(() => import('./price-chart').then((m) => m.PriceChart));

/**
 * The price history section's one interactive part besides Track prices: Show chart, and the
 * chart under the section's text. Everything it frames is rendered on the server
 * (price-history.tsx); the icons come from there too, drawn, so this loads no icon code.
 */
export function PriceHistoryFrame({
  heading,
  actions,
  line,
  history,
  icons,
}: {
  heading: React.ReactNode;
  actions: React.ReactNode;
  line: React.ReactNode;
  history: RouteHistory | null;
  icons: { chart: React.ReactNode; chevron: React.ReactNode };
}) {
  const [open, setOpen] = React.useState(false);
  return (
    <section aria-labelledby="price-history-heading" className="flex flex-col gap-3 rounded-xl border bg-card p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {heading}
        <div className="flex flex-wrap items-center gap-2">
          {actions}
          <Button variant="ghost" size="sm" aria-expanded={open} aria-controls="price-history-chart" disabled={!history?.history.length} onClick={() => setOpen((o) => !o)}>
            {icons.chart} {open ? 'Hide chart' : 'Show chart'}
            <span className={open ? 'rotate-180 transition-transform' : 'transition-transform'}>{icons.chevron}</span>
          </Button>
        </div>
      </div>
      {line}
      <div id="price-history-chart" hidden={!open}>
        {open && history && <PriceChart history={history} fallback={<Skeleton className="h-48 w-full" />} />}
        {open && history && (
          <p className="mt-1 text-xs text-muted-foreground">
            Lowest one-way fare for one adult in this cabin, as seen each day on this route; the shaded band is the typical range.
          </p>
        )}
      </div>
    </section>
  );
}
