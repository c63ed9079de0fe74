'use client';

import { useQuery } from '@tanstack/react-query';
import { AwardIcon, CheckCircle2Icon } from 'lucide-react';
import type { LoyaltyBadges } from '@/lib/loyalty/types';
import { fetchJson } from '@/components/api/fetch-json';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';

// The member's badges: each with its progress towards the goal, earned ones marked (and whether a
// fare upgrade spent them), and what an upgrade at checkout takes.

const day = (iso: string) => new Date(iso).toLocaleDateString('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function BadgesGrid() {
  const q = useQuery({
    queryKey: ['loyalty', 'badges'],
    queryFn: ({ signal }) => fetchJson<LoyaltyBadges>('/api/v1/loyalty/badges', { signal }),
  });
  if (q.data === undefined) {
    return <QueryState query={q} label="Loading your badges…" skeleton={<Skeleton className="h-48 w-full" />} failed="We couldn’t load your badges" />;
  }
  const { data, unspent, upgrade_cost } = q.data;
  return (
    <Card data-testid="badges">
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          <AwardIcon className="size-5" aria-hidden="true" /> Badges
        </CardTitle>
        <CardDescription>
          {unspent} unspent {unspent === 1 ? 'badge' : 'badges'}. {upgrade_cost} of them upgrade a Basic fare to Standard once, on the pay page.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {data.map((b) => {
            const earned = b.earned_at !== null;
            const pct = Math.round((b.progress / b.goal) * 100);
            return (
              <li key={b.code} className={cn('flex flex-col gap-2 rounded-lg border p-3', earned ? 'border-primary/40 bg-primary/5' : 'bg-card')} data-testid={`badge-${b.code}`}>
                <div className="flex items-start justify-between gap-2">
                  <h3 className="flex items-center gap-1.5 text-sm font-semibold">
                    {earned && <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" />}
                    {b.name}
                  </h3>
                  {earned && <Badge variant={b.spent ? 'outline' : 'success'}>{b.spent ? 'Spent' : b.source === 'airdrop' ? 'Gift' : 'Earned'}</Badge>}
                </div>
                <p className="text-xs text-muted-foreground">{b.description}</p>
                <div
                  role="progressbar"
                  aria-label={`${b.name} progress`}
                  aria-valuemin={0}
                  aria-valuemax={b.goal}
                  aria-valuenow={b.progress}
                  aria-valuetext={`${b.progress} of ${b.goal}`}
                  className="h-2 w-full overflow-hidden rounded-full bg-muted"
                >
                  <div className="h-full rounded-full bg-primary" style={{ width: `${pct}%` }} />
                </div>
                <p className="text-xs text-muted-foreground tabular-nums">
                  {earned ? `Earned ${day(b.earned_at!)}` : `${b.progress} of ${b.goal}`}
                </p>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}
