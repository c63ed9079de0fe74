'use client';

import * as React from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { LAST_SEARCH_KEY } from './last-search';
import { withParams } from './search-params';

/** Parameters the search form shows; a change to one is a new search, with its own history entry. */
const SEARCH_KEYS = new Set(['from', 'to', 'date', 'return_date', 'adults', 'children', 'infants', 'cabin']);

type Changes = Record<string, string | null>;

interface ResultsState {
  /** The results URL's parameters, with a change the server has not answered yet already applied. */
  params: URLSearchParams;
  /** A change is on its way to the server. */
  pending: boolean;
  change: (changes: Changes) => void;
}

const Context = React.createContext<ResultsState | null>(null);

/**
 * The URL is the results' state: the server renders the offers, filters and sort for it
 * (components/results/search-results.tsx). The controls, the few client islands in the results,
 * change the URL through this and show their new choice at once (an optimistic copy of the
 * parameters) while the server renders the new results; the old ones stay on screen meanwhile.
 */
export function ResultsStateProvider({ query, children }: { query: string; children: React.ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const base = React.useMemo(() => new URLSearchParams(query), [query]);
  const [params, setParams] = React.useOptimistic(base);
  const [pending, startTransition] = React.useTransition();

  // Remembered so an expired offer can send the traveller back to these results.
  React.useEffect(() => {
    window.sessionStorage.setItem(LAST_SEARCH_KEY, `${pathname}?${query}`);
  }, [pathname, query]);

  const change = React.useCallback(
    (changes: Changes) => {
      const next = withParams(params, changes);
      const url = `${pathname}?${next}`;
      // A new day changes the search form too: a history entry, so Back returns to the day before.
      // Filters and sort replace the entry, as they did when they only refetched.
      const newSearch = Object.keys(changes).some((k) => SEARCH_KEYS.has(k));
      startTransition(() => {
        setParams(next);
        if (newSearch) router.push(url, { scroll: false });
        else router.replace(url, { scroll: false });
      });
    },
    [params, pathname, router, setParams],
  );

  const value = React.useMemo(() => ({ params, pending, change }), [params, pending, change]);
  return <Context value={value}>{children}</Context>;
}

export function useResultsState(): ResultsState {
  const state = React.use(Context);
  if (!state) throw new Error('useResultsState needs a ResultsStateProvider above it');
  return state;
}
