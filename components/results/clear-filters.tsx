'use client';

import { Button } from '@/components/ui/button';
import { useResultsState } from './results-state';
import { activeFilterCount, FILTER_KEYS } from './search-params';

const NONE = Object.fromEntries(FILTER_KEYS.map((k) => [k, null]));

/** Removes every filter; shown only while one is set. `always`: shown regardless (the empty state's action). */
export function ClearFilters({ label = 'Clear all', variant = 'link', always = false }: { label?: string; variant?: 'link' | 'default' | 'outline'; always?: boolean }) {
  const { params, change } = useResultsState();
  if (!always && activeFilterCount(params) === 0) return null;
  return (
    <Button variant={variant} size={variant === 'default' ? 'default' : 'sm'} className={variant === 'link' ? 'h-auto p-0' : undefined} onClick={() => change(NONE)}>
      {label}
    </Button>
  );
}
