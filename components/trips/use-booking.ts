'use client';

import { useQuery } from '@tanstack/react-query';
import type { Booking } from '@/lib/bookings/types';
import { ApiError, fetchJson } from '@/components/api/fetch-json';

export const bookingKey = (pnr: string) => ['booking', pnr] as const;

/** One booking; `initial`, when the page was rendered with it, stands as fresh data (no fetch on load). */
export function useBooking(pnr: string, initial?: Booking) {
  return useQuery({
    queryKey: bookingKey(pnr),
    initialData: initial,
    queryFn: ({ signal }) => fetchJson<{ data: Booking }>(`/api/v1/bookings/${encodeURIComponent(pnr)}`, { signal }).then((r) => r.data),
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 1,
    staleTime: 5_000,
  });
}
