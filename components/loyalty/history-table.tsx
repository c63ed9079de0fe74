'use client';

import * as React from 'react';
import Link from 'next/link';
import { useInfiniteQuery } from '@tanstack/react-query';
import { DownloadIcon, Loader2Icon } from 'lucide-react';
import type { LoyaltyEntry, LoyaltyHistoryPage } from '@/lib/loyalty/types';
import { fetchJson } from '@/components/api/fetch-json';
import { stamp } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';
import { TableScroll } from '@/components/ui/table-scroll';
import { points } from './tiers';

// The member's points history: newest first, a filter by kind, "Show more" by cursor, and the
// same rows as a CSV download (the API's format=csv, with the filter applied).

const FILTERS = [
  { value: '', label: 'Everything' },
  { value: 'earned', label: 'Earned' },
  { value: 'pending', label: 'Pending' },
  { value: 'redeemed', label: 'Redeemed' },
  { value: 'returned', label: 'Returned' },
  { value: 'expired', label: 'Expired' },
  { value: 'reversed', label: 'Reversed' },
] as const;

const KIND_LABEL: Record<LoyaltyEntry['kind'], string> = {
  pending: 'Pending', earned: 'Earned', activated: 'Now active', reversed: 'Reversed', redeemed: 'Redeemed', returned: 'Returned', expired: 'Expired', spent: 'Spent',
};

export function HistoryTable() {
  const id = React.useId();
  const [kind, setKind] = React.useState('');
  const history = useInfiniteQuery({
    queryKey: ['loyalty', 'history', kind],
    initialPageParam: null as string | null,
    getNextPageParam: (last: LoyaltyHistoryPage) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ limit: '20', ...(kind && { kind }), ...(pageParam && { cursor: pageParam }) });
      return fetchJson<LoyaltyHistoryPage>(`/api/v1/loyalty/history?${q}`, { signal });
    },
  });
  const rows = history.data?.pages.flatMap((p) => p.data) ?? [];
  const csv = `/api/v1/loyalty/history?${new URLSearchParams({ format: 'csv', ...(kind && { kind }) })}`;

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-end justify-between gap-3">
        <CardTitle as="h2">History</CardTitle>
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <Label htmlFor={id}>Show</Label>
            <NativeSelect id={id} value={kind} onChange={(e) => setKind(e.target.value)} className="w-40">
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button asChild variant="outline">
            <a href={csv} download>
              <DownloadIcon aria-hidden="true" /> CSV
            </a>
          </Button>
        </div>
      </CardHeader>
      <CardContent>
        {history.data === undefined ? (
          <QueryState query={history} label="Loading your points history…" skeleton={<Skeleton className="h-48 w-full" />} failed="We couldn’t load your history" />
        ) : rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {kind ? 'Nothing of this kind yet.' : 'Nothing yet: book a flight and its points show here, pending until you fly.'}{' '}
            {!kind && (
              <Link href="/" className="text-primary underline">
                Search flights
              </Link>
            )}
          </p>
        ) : (
          <>
            <TableScroll label="Points history" className="-mx-2">
              <table className="w-full text-sm" data-testid="loyalty-history">
                <caption className="sr-only">Points and tier credits, newest first</caption>
                <thead>
                  <tr className="border-b text-left text-muted-foreground">
                    <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">Date</th>
                    <th scope="col" className="px-2 py-2 font-medium">What</th>
                    <th scope="col" className="px-2 py-2 font-medium">Kind</th>
                    <th scope="col" className="px-2 py-2 text-right font-medium">Amount</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={e.id} className="border-b last:border-0">
                      <td className="hidden px-2 py-2 whitespace-nowrap text-muted-foreground sm:table-cell">
                        <time dateTime={e.occurred_at}>{stamp(e.occurred_at)}</time>
                      </td>
                      <td className="px-2 py-2">
                        {e.reason}
                        <span className="block text-xs text-muted-foreground sm:hidden">
                          <time dateTime={e.occurred_at}>{stamp(e.occurred_at)}</time>
                        </span>
                      </td>
                      <td className="px-2 py-2">
                        <Badge variant={e.kind === 'pending' ? 'outline' : 'secondary'}>{KIND_LABEL[e.kind] ?? e.kind}</Badge>
                      </td>
                      <td className={cn('px-2 py-2 text-right whitespace-nowrap tabular-nums', e.amount > 0 && 'text-success')}>
                        {e.amount > 0 ? '+' : '−'}
                        {points(Math.abs(e.amount))} {e.currency === 'points' ? 'points' : 'tier credits'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {history.hasNextPage && (
              <Button variant="outline" className="mt-3" disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
                {history.isFetchingNextPage && <Loader2Icon className="animate-spin" aria-hidden="true" />}
                Show more
              </Button>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
