'use client';

import * as React from 'react';

// One MediaQueryList per query for the whole page: every component asking the same question
// shares it, and reading it is a property read, not a new evaluation of the query.
const lists = new Map<string, MediaQueryList>();
function listOf(query: string): MediaQueryList {
  let list = lists.get(query);
  if (!list) lists.set(query, (list = window.matchMedia(query)));
  return list;
}

/**
 * Whether a CSS media query matches, following it as the window changes. False on the server and
 * while hydrating (the server cannot know the screen), so what depends on it is added after.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = React.useCallback(
    (onChange: () => void) => {
      const list = listOf(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return React.useSyncExternalStore(subscribe, () => listOf(query).matches, () => false);
}
