'use client';

import { useQuery } from '@tanstack/react-query';
import type { Dispute, DisputeRow, JurorStatus } from '@/lib/disputes/types';
import { fetchJson } from '@/components/api/fetch-json';

// Browser-side reads of the disputes API.

export const disputeKey = (id: string) => ['dispute', id] as const;
export const bookingDisputesKey = (pnr: string) => ['disputes', 'booking', pnr] as const;
export const jurorKey = ['jury', 'me'] as const;

/** The newest dispute on one of the viewer's bookings, in full (null: none). */
export function useBookingDispute(pnr: string) {
  return useQuery({
    queryKey: bookingDisputesKey(pnr),
    queryFn: async ({ signal }) => {
      const list = await fetchJson<{ data: DisputeRow[] }>(`/api/v1/disputes?pnr=${encodeURIComponent(pnr)}&limit=1`, { signal });
      if (!list.data[0]) return null;
      return (await fetchJson<{ data: Dispute }>(`/api/v1/disputes/${list.data[0].id}`, { signal })).data;
    },
  });
}

export function useJuror() {
  return useQuery({
    queryKey: jurorKey,
    queryFn: ({ signal }) => fetchJson<{ data: JurorStatus }>('/api/v1/jury', { signal }).then((r) => r.data),
  });
}

export function useDispute(id: string | null) {
  return useQuery({
    queryKey: disputeKey(id ?? ''),
    enabled: id !== null,
    queryFn: ({ signal }) => fetchJson<{ data: Dispute }>(`/api/v1/disputes/${id}`, { signal }).then((r) => r.data),
  });
}

/** Sends a multipart form; problems come back as ApiError like any JSON call. */
export function postForm<T>(url: string, form: FormData, headers: Record<string, string> = {}): Promise<T> {
  return fetchJson<T>(url, { method: 'POST', body: form, headers });
}
