'use client';

import Link from 'next/link';
import * as React from 'react';
import { BellOffIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryState } from '@/components/ui/query-state';
import { NotificationRow } from './notification-row';
import { useMarkRead, useNotificationPages } from './use-notifications';

/** The notification centre page: all or unread, mark one (by opening it) or all read, more on demand. */
export function NotificationList() {
  const [unreadOnly, setUnreadOnly] = React.useState(false);
  const pages = useNotificationPages(unreadOnly);
  const markRead = useMarkRead();
  const items = pages.data?.pages.flatMap((p) => p.data) ?? [];
  const unread = pages.data?.pages[0]?.unread ?? 0;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="group" aria-label="Show" className="inline-flex rounded-lg border p-0.5">
          {[false, true].map((only) => (
            <Button key={String(only)} size="sm" variant={unreadOnly === only ? 'secondary' : 'ghost'} aria-pressed={unreadOnly === only} onClick={() => setUnreadOnly(only)}>
              {only ? `Unread (${unread})` : 'All'}
            </Button>
          ))}
        </div>
        <div className="flex items-center gap-2">
          <Button variant="outline" size="sm" disabled={!unread || markRead.isPending} onClick={() => markRead.mutate(undefined)}>Mark all read</Button>
          <Button asChild variant="ghost" size="sm"><Link href="/settings/notifications">Settings</Link></Button>
        </div>
      </div>
      {pages.data === undefined ? (
        <QueryState query={pages} label="Loading your notifications…" failed="We couldn’t load your notifications" />
      ) : items.length === 0 ? (
        <EmptyState icon={BellOffIcon} title={unreadOnly ? 'All caught up' : 'No notifications yet'} headingLevel={2}>
          {unreadOnly ? 'You have read everything.' : 'Holds, payments, refunds and flight changes will show up here as they happen.'}
        </EmptyState>
      ) : (
        <ul className="flex flex-col divide-y rounded-xl border bg-card" aria-label="Notifications">
          {items.map((n) => (
            <li key={n.id} className="p-1">
              <NotificationRow item={n} onOpen={(item) => { if (!item.read_at) markRead.mutate([item.id]); }} />
            </li>
          ))}
        </ul>
      )}
      {pages.hasNextPage && (
        <Button variant="outline" className="self-center" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {pages.isFetchingNextPage ? 'Loading…' : 'Show older'}
        </Button>
      )}
    </div>
  );
}
