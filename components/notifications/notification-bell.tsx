'use client';

import Link from 'next/link';
import * as React from 'react';
import { BellIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { NotificationRow } from './notification-row';
import { useLatestNotifications, useMarkRead } from './use-notifications';

/** The header bell: the unread count (kept live by the event stream) and the latest few. */
export function NotificationBell() {
  const [open, setOpen] = React.useState(false);
  const latest = useLatestNotifications();
  const markRead = useMarkRead();
  const unread = latest.data?.unread ?? 0;
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="icon" className="relative" aria-label={label} data-testid="notification-bell">
          <BellIcon className="size-5" aria-hidden="true" />
          {unread > 0 && (
            <span data-testid="unread-count"
              className="absolute -right-0.5 -top-0.5 flex h-4.5 min-w-4.5 items-center justify-center rounded-full bg-primary px-1 text-[0.65rem] font-semibold text-primary-foreground">
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </Button>
      </PopoverTrigger>
      {/* Radix gives the panel role="dialog": it is named by its heading. */}
      <PopoverContent align="end" aria-labelledby="notification-bell-title" className="w-[min(24rem,calc(100vw-2rem))] p-0">
        <div className="flex items-center justify-between border-b px-4 py-2.5">
          <h2 id="notification-bell-title" className="text-sm font-semibold">Notifications</h2>
          <Button variant="ghost" size="sm" disabled={!unread || markRead.isPending} onClick={() => markRead.mutate(undefined)}>
            Mark all read
          </Button>
        </div>
        <div className="max-h-96 overflow-y-auto p-1.5">
          {latest.data?.data.length ? (
            latest.data.data.map((n) => (
              <NotificationRow key={n.id} item={n} compact onOpen={(item) => {
                if (!item.read_at) markRead.mutate([item.id]);
                setOpen(false);
              }} />
            ))
          ) : (
            <p className="px-3 py-6 text-center text-sm text-muted-foreground">{latest.isPending ? 'Loading…' : 'Nothing yet. Bookings, payments and flight changes show up here.'}</p>
          )}
        </div>
        <div className="flex justify-between border-t px-4 py-2 text-sm">
          <Link href="/notifications" className="font-medium text-primary underline-offset-2 hover:underline" onClick={() => setOpen(false)}>See all</Link>
          <Link href="/settings/notifications" className="text-muted-foreground underline-offset-2 hover:underline" onClick={() => setOpen(false)}>Settings</Link>
        </div>
      </PopoverContent>
    </Popover>
  );
}
