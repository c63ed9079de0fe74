'use client';

import { NativeSelect } from '@/components/ui/native-select';
import { useResultsState } from './results-state';
import { SORTS } from './search-params';

/** The results' order, in the URL. Native: the phone's own picker, and no select library in the page's first load. */
export function SortSelect() {
  const { params, change } = useResultsState();
  return (
    <NativeSelect
      aria-label="Sort by"
      className="h-9 w-40"
      value={params.get('sort') ?? 'best'}
      onChange={(e) => change({ sort: e.target.value === 'best' ? null : e.target.value })}
    >
      {SORTS.map((s) => (
        <option key={s.value} value={s.value}>
          {s.label}
        </option>
      ))}
    </NativeSelect>
  );
}
