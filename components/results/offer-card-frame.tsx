'use client';

import * as React from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';

/**
 * The one interactive part of an offer card: "Details & fares" opens the flights and fares
 * below the summary. Everything it frames is rendered on the server (offer-card.tsx), the icon
 * included (no icon code in the browser); the panel's content is put in the page only when opened.
 */
export function OfferCardFrame({ title, summary, price, panel, chevron }: { title: string; summary: React.ReactNode; price: React.ReactNode; panel: React.ReactNode; chevron: React.ReactNode }) {
  const [open, setOpen] = React.useState(false);
  const panelId = React.useId();
  return (
    <article className="rounded-xl border bg-card text-card-foreground shadow-sm" aria-label={title}>
      <div className="flex flex-col gap-4 p-4 sm:flex-row sm:items-center sm:gap-6 sm:p-5">
        {summary}
        <div className="flex items-end justify-between gap-3 border-t pt-3 sm:flex-col sm:items-end sm:border-t-0 sm:border-l sm:pt-0 sm:pl-6">
          {price}
          <Button variant={open ? 'secondary' : 'outline'} size="sm" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide' : 'Details & fares'}
            <span className={cn('transition-transform', open && 'rotate-180')}>{chevron}</span>
          </Button>
        </div>
      </div>
      <div id={panelId} hidden={!open} className="border-t">
        {open && panel}
      </div>
    </article>
  );
}
