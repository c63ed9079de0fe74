'use client';

import * as React from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { onDemand, useShowOnDemand, warmOn } from '@/components/ui/on-demand';
import type { OfferDetail } from './offer-panel';

// The panel's code (the flights' timeline, the fare checklists) loads the first time any card is
// reached for, not with the page: most visits open none or one.
const { Component: OfferPanel, preload } = onDemand(() => import('./offer-panel').then((m) => m.OfferPanel));

/**
 * The one interactive part of an offer card: "Details & fares" opens the flights and fares
 * below the summary. The summary and price are rendered on the server (offer-card.tsx); the
 * panel is rendered here from `detail` when first opened. Pointing at, pressing or focusing the
 * button starts loading its code; opening is a transition, so until the code is there the
 * button stays as it is, marked busy, and the panel appears whole; if the code cannot be
 * fetched, the button stays closed and the next press asks again.
 */
export function OfferCardFrame({ title, summary, price, detail, chevron }: { title: string; summary: React.ReactNode; price: React.ReactNode; detail: OfferDetail; chevron: React.ReactNode }) {
  const [open, setOpen] = React.useState(false);
  const [pending, show] = useShowOnDemand(preload);
  const panelId = React.useId();
  return (
    <article className="rounded-xl border bg-card text-card-foreground shadow-sm" aria-label={title}>
      <div className="flex flex-col gap-4 p-4 sm:flex-row sm:items-center sm:gap-6 sm:p-5">
        {summary}
        <div className="flex items-end justify-between gap-3 border-t pt-3 sm:flex-col sm:items-end sm:border-t-0 sm:border-l sm:pt-0 sm:pl-6">
          {price}
          <Button
            variant={open ? 'secondary' : 'outline'}
            size="sm"
            aria-expanded={open}
            aria-controls={panelId}
            aria-busy={pending || undefined}
            {...warmOn(preload)}
            onClick={() => show(() => setOpen((o) => !o))}
          >
            {open ? 'Hide' : 'Details & fares'}
            <span className={cn('transition-transform', open && 'rotate-180')}>{chevron}</span>
          </Button>
        </div>
      </div>
      <div id={panelId} hidden={!open} className="border-t">
        {open && <OfferPanel detail={detail} />}
      </div>
    </article>
  );
}
