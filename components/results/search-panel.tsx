'use client';

import * as React from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useMediaQuery } from '@/components/ui/use-media-query';

/**
 * On phones the search form would fill the first screen of results, so it folds into a one-line
 * summary with an "Edit search" button (Google Flights does the same); wider screens always show it.
 */
export function SearchPanel({ summary, startOpen, icon, children }: { summary: string; startOpen: boolean; icon: React.ReactNode; children: React.ReactNode }) {
  const [open, setOpen] = React.useState(startOpen);
  const id = React.useId();
  // The form is mounted (and its code loaded) only once it is shown: on a phone where the panel
  // stays folded, loading and mounting it after hydration was a long task of the page's (#15).
  // The server's HTML has its placeholder, so this is true until hydrated; once shown it stays.
  const wide = useMediaQuery('(min-width: 40rem)');
  const hydrated = useHydrated();
  const [shown, setShown] = React.useState(startOpen);
  // Shown on a wide screen once is shown: narrowing the window then keeps what was typed.
  if (wide && !shown) setShown(true);
  const mounted = !hydrated || shown || wide;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-3 rounded-xl border bg-card px-4 py-3 shadow-sm sm:hidden">
        <p className="min-w-0 truncate text-sm font-medium">{summary}</p>
        <Button
          variant="outline"
          size="sm"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => {
            setOpen((o) => !o);
            setShown(true);
          }}
        >
          {icon}
          {open ? 'Close' : 'Edit search'}
        </Button>
      </div>
      {/* The form arrives after the page (its code loads after hydration: components/search/deferred-search-form.tsx;
          a placeholder of its height stands in): the space it takes on a tablet and on a desktop is kept for it,
          so the results below do not jump down when it arrives (#14). e2e/page-layout.spec.ts checks. */}
      <div id={id} className={cn('sm:min-h-[342px] lg:min-h-[252px]', !open && 'hidden sm:block')}>
        {mounted && children}
      </div>
    </div>
  );
}

