'use client';

import * as React from 'react';
import type { SearchIcons } from './search-icons';

// How the search form's pieces reach the icons the page drew for them (./search-icons.tsx).
const SearchIconsContext = React.createContext<SearchIcons | null>(null);

export const SearchIconsProvider = SearchIconsContext.Provider;

export function useSearchIcons(): SearchIcons {
  const icons = React.useContext(SearchIconsContext);
  if (!icons) throw new Error('The search form’s pieces need its icons: render them inside <FlightSearchForm icons={searchIcons()}>');
  return icons;
}
