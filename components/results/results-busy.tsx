'use client';

import type * as React from 'react';
import { useResultsState } from './results-state';

/** " · updating…" after the count while the server renders results for a new choice. */
export function UpdatingNote() {
  return useResultsState().pending ? ' · updating…' : null;
}

/** The offer list, marked busy while its replacement is on the way (not faded: faded text fails contrast). */
export function OfferList({ children }: { children: React.ReactNode }) {
  return (
    <ol aria-busy={useResultsState().pending || undefined} className="flex flex-col gap-3">
      {children}
    </ol>
  );
}
