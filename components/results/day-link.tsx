'use client';

import type * as React from 'react';
import { cn } from '@/components/ui/cn';
import { useResultsState } from './results-state';

/**
 * A day of the date strip: a link to that day's results, so it works before the page's
 * JavaScript has run; once it has, the choice shows at once while the server renders the day.
 */
export function DayLink({ day, changes, href, best, children }: { day: string; changes: Record<string, string>; href: string; best: boolean; children: React.ReactNode }) {
  const { params, change } = useResultsState();
  const current = params.get('date') === day;
  return (
    <a
      href={href}
      aria-current={current ? 'date' : undefined}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return; // a new tab or window: the browser's
        e.preventDefault();
        if (!current) change(changes);
      }}
      className={cn(
        'group flex h-16 w-full flex-col items-center justify-center rounded-lg px-1 text-center text-xs outline-none transition-colors',
        'hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring',
        current && 'bg-primary text-primary-foreground hover:bg-primary/90',
        best && !current && 'bg-success/15 ring-1 ring-success/60',
      )}
    >
      {children}
    </a>
  );
}
