'use client';

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { fetchJson } from '@/components/api/fetch-json';
import type { PriceWatch } from '@/lib/watches/types';

type Page = { data: PriceWatch[]; nextCursor: string | null };

export function useWatchPages() {
  return useInfiniteQuery({
    queryKey: ['watches'],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) => fetchJson<Page>(`/api/v1/watches?limit=20${pageParam ? `&cursor=${pageParam}` : ''}`, { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Watches are also created from the results page, which does not load the query cache (watch-button.tsx):
    // a list this tab cached before must not hide them.
    refetchOnMount: 'always',
  });
}

export function useUpdateWatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: { target_minor?: number | null; active?: boolean } }) =>
      fetchJson<{ data: PriceWatch }>(`/api/v1/watches/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['watches'] }),
    onError: (err) => toast.error('Could not save the watch', { description: (err as Error).message }),
  });
}

export function useDeleteWatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => fetchJson(`/api/v1/watches/${id}`, { method: 'DELETE' }),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: ['watches'] }); toast.success('Watch deleted'); },
    onError: (err) => toast.error('Could not delete the watch', { description: (err as Error).message }),
  });
}
