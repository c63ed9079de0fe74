'use client';

import Link from 'next/link';
import { BellRingIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryState } from '@/components/ui/query-state';
import { useWatchPages } from './use-watches';
import { WatchRow } from './watch-row';

/** The /watches page: every watch of the viewer, newest first, more on demand. */
export function WatchList() {
  const pages = useWatchPages();
  const items = pages.data?.pages.flatMap((p) => p.data) ?? [];
  if (pages.status !== 'success') return <QueryState query={pages} label="Loading your price watches…" failed="We couldn’t load your price watches" />;
  if (!items.length) {
    return (
      <EmptyState icon={BellRingIcon} title="No price watches yet" headingLevel={2}
        action={<Button asChild><Link href="/">Search flights</Link></Button>}>
        Search a route and choose “Track prices”: we check the fare every hour and tell you when it drops.
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-col gap-3" aria-label="Price watches">
        {items.map((w) => <WatchRow key={w.id} watch={w} />)}
      </ul>
      {pages.hasNextPage && (
        <Button variant="outline" className="self-center" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {pages.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </Button>
      )}
    </div>
  );
}
