'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/components/api/fetch-json';
import type { Airport } from './airport';
import { useDebouncedValue } from './use-debounced-value';

const DEBOUNCE_MS = 200;
export const SUGGESTION_LIMIT = 8;

/** Airport suggestions for what the traveller has typed, fetched after a short pause. */
export function useAirportSearch(text: string, enabled: boolean) {
  const q = useDebouncedValue(text.trim(), DEBOUNCE_MS);
  const query = useQuery<Airport[]>({
    queryKey: ['airports', q.toLowerCase()],
    queryFn: ({ signal }) =>
      fetchJson<{ data: Airport[] }>(`/api/v1/airports?${new URLSearchParams({ q, limit: String(SUGGESTION_LIMIT) })}`, { signal }).then(
        (body) => body.data,
      ),
    enabled: enabled && q.length > 0,
    // Keep the last list on screen while the next keystroke's answer loads, instead of flashing empty.
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  // Still waiting for the typing to settle, or for the answer to it.
  const settling = q !== text.trim() || query.isFetching;
  return { ...query, q, settling };
}
