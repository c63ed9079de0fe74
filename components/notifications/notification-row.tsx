'use client';

import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import type { NotificationItem } from './use-notifications';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(seconds, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}

/** One notification: unread ones marked by a dot and weight; opening its link marks it read. */
export function NotificationRow({ item, onOpen, compact = false }: { item: NotificationItem; onOpen: (item: NotificationItem) => void; compact?: boolean }) {
  const unread = item.read_at === null;
  const content = (
    <>
      <span aria-hidden="true" className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-primary' : 'bg-transparent')} />
      <span className="flex min-w-0 flex-col gap-0.5">
        <span className={cn('text-sm', unread ? 'font-semibold' : 'font-medium text-muted-foreground')}>
          {unread && <span className="sr-only">Unread: </span>}
          {item.title}
        </span>
        <span className={cn('text-sm text-muted-foreground', compact && 'line-clamp-2')}>{item.body}</span>
        <span className="text-xs text-muted-foreground">
          <time dateTime={item.created_at}>{timeAgo(item.created_at)}</time>
        </span>
      </span>
    </>
  );
  const cls = 'flex w-full gap-3 rounded-lg px-3 py-2.5 text-left outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring';
  return item.link ? (
    <Link href={item.link} className={cls} onClick={() => onOpen(item)} data-testid="notification">
      {content}
    </Link>
  ) : (
    <button type="button" className={cls} onClick={() => onOpen(item)} data-testid="notification">
      {content}
    </button>
  );
}
