'use client';

import { useQuery } from '@tanstack/react-query';
import { CoinsIcon, HourglassIcon } from 'lucide-react';
import type { LoyaltyStats, LoyaltySummary } from '@/lib/loyalty/types';
import { fetchJson } from '@/components/api/fetch-json';
import { money } from '@/components/flights/format';
import { Banner } from '@/components/ui/banner';
import { Card, CardDescription, CardHeader } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';
import { BadgesGrid } from './badges-grid';
import { HistoryTable } from './history-table';
import { PointsByMonth, TierCreditsOverYear } from './points-charts';
import { PointsHeld } from './points-held';
import { ProfileCard } from './profile-card';
import { ReferralsCard } from './referrals-card';
import { TierCard } from './tier-card';
import { points } from './tiers';

/** The member's Rewards: balances, tier, charts and history (GET /loyalty, /loyalty/stats, /loyalty/history). */
export function LoyaltyDashboard() {
  const summary = useQuery({
    queryKey: ['loyalty', 'summary'],
    queryFn: ({ signal }) => fetchJson<{ data: LoyaltySummary }>('/api/v1/loyalty', { signal }).then((r) => r.data),
  });
  const stats = useQuery({
    queryKey: ['loyalty', 'stats'],
    queryFn: ({ signal }) => fetchJson<{ data: LoyaltyStats }>('/api/v1/loyalty/stats', { signal }).then((r) => r.data),
  });

  if (summary.data === undefined) {
    return (
      <QueryState
        query={summary}
        label="Loading your rewards…"
        skeleton={
          <>
            <Skeleton className="h-28 w-full" />
            <Skeleton className="h-64 w-full" />
          </>
        }
        failed="We couldn’t load your rewards"
      />
    );
  }
  const s = summary.data;
  const worth = Math.floor((s.points_redeemable * 100) / s.redemption.points_per_usd);

  return (
    <div className="flex flex-col gap-6">
      {s.expiry_notice && s.points_expire_at && (
        <Banner variant="warning" title="Your points are about to expire">
          {points(s.points.active)} points expire on{' '}
          {new Date(s.points_expire_at).toLocaleDateString('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}: earn or spend any points
          before then to keep them all.
        </Banner>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Card data-testid="points-active">
          <CardHeader>
            <CardDescription className="flex items-center gap-2">
              <CoinsIcon className="size-4" aria-hidden="true" /> Active points
            </CardDescription>
            <p className="text-3xl font-semibold tabular-nums">{points(s.points.active)}</p>
            <p className="text-xs text-muted-foreground">Worth {money(worth, 'USD', { cents: true })} off a fare at checkout ({points(s.redemption.points_per_usd)} points = $1).</p>
            <PointsHeld held={s.points_held} />
          </CardHeader>
        </Card>
        <Card data-testid="points-pending">
          <CardHeader>
            <CardDescription className="flex items-center gap-2">
              <HourglassIcon className="size-4" aria-hidden="true" /> Pending points
            </CardDescription>
            <p className="text-3xl font-semibold tabular-nums">{points(s.points.pending)}</p>
            <p className="text-xs text-muted-foreground">Earned on paid bookings; they become active once you’ve flown.</p>
          </CardHeader>
        </Card>
      </div>
      <TierCard s={s} />
      {stats.data === undefined ? (
        <QueryState query={stats} label="Loading your charts…" skeleton={<Skeleton className="h-64 w-full" />} failed="We couldn’t load your charts" />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <PointsByMonth stats={stats.data} />
          <TierCreditsOverYear stats={stats.data} summary={s} />
        </div>
      )}
      <BadgesGrid />
      <ReferralsCard />
      <ProfileCard />
      <HistoryTable />
    </div>
  );
}
