import { AwardIcon, PlaneIcon, TrophyIcon } from 'lucide-react';
import type { PublicProfile } from '@/lib/loyalty/types';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { points, TIER_ACCENT, TIER_NAME } from './tiers';

const month = (ym: string) => new Date(`${ym}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A member's published profile: exactly what loyalty_public_profile answers, nothing more. */
export function PublicProfileView({ profile: p }: { profile: PublicProfile }) {
  return (
    <div className="flex flex-col gap-4" data-testid="member-profile">
      <Card className={cn('border-l-4', TIER_ACCENT[p.tier])}>
        <CardHeader>
          <h1 className="text-2xl font-semibold tracking-tight">@{p.handle}</h1>
          <CardDescription>{TIER_NAME[p.tier]} member since {month(p.member_since)}</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            <Stat icon={<TrophyIcon className="size-4" aria-hidden="true" />} label="Tier" value={TIER_NAME[p.tier]} />
            <Stat icon={<PlaneIcon className="size-4" aria-hidden="true" />} label="Trips flown" value={points(p.trips)} />
            <Stat icon={<AwardIcon className="size-4" aria-hidden="true" />} label={`Tier credits in ${p.tier_credits.year}`} value={points(p.tier_credits.total)} />
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Badges</CardTitle>
        </CardHeader>
        <CardContent>
          {p.badges.length === 0 ? (
            <EmptyState icon={AwardIcon} title="No badges yet">Badges come with flown trips, referrals and Traqora’s thanks.</EmptyState>
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {p.badges.map((b) => (
                <li key={b.code} className="flex items-start gap-3 rounded-lg border p-3">
                  <AwardIcon className="mt-0.5 size-5 shrink-0 text-primary" aria-hidden="true" />
                  <div>
                    <p className="font-medium">{b.name}</p>
                    <p className="text-sm text-muted-foreground">{b.description}</p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function Stat({ icon, label, value }: { icon: React.ReactNode; label: string; value: string }) {
  return (
    <div className="flex flex-col gap-1">
      <dt className="flex items-center gap-1.5 text-sm text-muted-foreground">{icon} {label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
