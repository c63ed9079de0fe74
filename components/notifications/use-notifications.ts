'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/components/api/fetch-json';

// The notification centre's data. Every key starts with 'notifications', so one live event
// (notification.created / .read) refreshes the bell and the page alike.

export interface NotificationItem {
  id: number;
  type: string;
  title: string;
  body: string;
  link: string | null;
  urgent: boolean;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPage {
  data: NotificationItem[];
  nextCursor: string | null;
  unread: number;
}

export function useLatestNotifications(limit = 6) {
  return useQuery({
    queryKey: ['notifications', 'latest', limit],
    queryFn: ({ signal }) => fetchJson<NotificationPage>(`/api/v1/notifications?limit=${limit}`, { signal }),
    staleTime: 30_000,
  });
}

export function useNotificationPages(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: ['notifications', 'pages', unreadOnly],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ limit: '20' });
      if (pageParam) q.set('cursor', pageParam);
      if (unreadOnly) q.set('unread', 'true');
      return fetchJson<NotificationPage>(`/api/v1/notifications?${q}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: number[]) => fetchJson<{ updated: number; unread: number }>('/api/v1/notifications/read', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ids ? { ids } : {}),
    }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
