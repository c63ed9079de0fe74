import { AwardIcon } from 'lucide-react';
import { benefitPhrases } from '@/lib/loyalty/benefits';
import type { LoyaltySummary } from '@/lib/loyalty/types';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { TableScroll } from '@/components/ui/table-scroll';
import { points, TIER_ACCENT, TIER_NAME, TIER_ORDER } from './tiers';

const day = (iso: string) => new Date(iso).toLocaleDateString('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The member's tier: an exact progress bar from this year's active tier credits to the next
 * tier, the days left in the calendar-year window, what keeps the tier, and what each tier gives.
 */
export function TierCard({ s }: { s: LoyaltySummary }) {
  const credits = s.tier_credits.this_year;
  const next = s.next_tier;
  const floor = s.tier === 'blue' ? 0 : s.thresholds[s.tier];
  // Progress from where this year's credits stand towards the next threshold, from zero.
  const pct = next ? Math.min(100, (credits / next.threshold) * 100) : 100;
  const lastDay = new Date(Date.parse(s.tier_credits.window_ends_at) - 1).toISOString();
  return (
    <Card className={cn('border-l-4', TIER_ACCENT[s.tier])} data-testid="tier-card">
      <CardHeader>
        <CardDescription className="flex items-center gap-2">
          <AwardIcon className="size-4" aria-hidden="true" /> Your tier
        </CardDescription>
        <CardTitle as="h2" className="text-2xl">
          {TIER_NAME[s.tier]}
        </CardTitle>
        {s.tier_until && <p className="text-sm text-muted-foreground">Yours until {day(new Date(Date.parse(s.tier_until) - 1).toISOString())}.</p>}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-col gap-1.5">
          <div className="flex flex-wrap justify-between gap-2 text-sm">
            <span>
              <span className="font-semibold tabular-nums">{points(credits)}</span> tier credits this year
            </span>
            {next ? (
              <span className="text-muted-foreground">
                {points(next.needed)} more for {TIER_NAME[next.tier]} ({points(next.threshold)})
              </span>
            ) : (
              <span className="text-muted-foreground">Top tier</span>
            )}
          </div>
          <div
            role="progressbar"
            aria-label={next ? `Tier credits towards ${TIER_NAME[next.tier]}` : 'Tier credits this year'}
            aria-valuemin={0}
            aria-valuemax={next?.threshold ?? Math.max(credits, floor)}
            aria-valuenow={credits}
            aria-valuetext={next ? `${points(credits)} of ${points(next.threshold)} tier credits` : `${points(credits)} tier credits`}
            className="h-3 w-full overflow-hidden rounded-full bg-muted"
          >
            <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${pct}%` }} />
          </div>
          <p className="text-xs text-muted-foreground">
            {s.tier_credits.days_left} {s.tier_credits.days_left === 1 ? 'day' : 'days'} left to earn them: the window closes on {day(lastDay)}.
            {s.tier_credits.pending > 0 && ` ${points(s.tier_credits.pending)} more are pending until you fly.`}
          </p>
        </div>
        {s.keep_tier && (
          <p className="text-sm">
            {s.keep_tier.needed > 0
              ? `${points(s.keep_tier.needed)} more tier credits this year keep ${TIER_NAME[s.keep_tier.tier]} for next year; without them you move down one tier at most.`
              : `You’ve earned enough this year to keep ${TIER_NAME[s.keep_tier.tier]} through next year.`}
          </p>
        )}
        <p className="text-sm" data-testid="tier-benefits">
          {benefitPhrases(s.benefits).length > 0
            ? <>Your {TIER_NAME[s.tier]} benefits: {benefitPhrases(s.benefits).join(', ')}.</>
            : 'Higher tiers give part of Traqora’s fee back after each flight, and extra bags and free seat selection on their fares.'}
        </p>
        <TableScroll label="Tiers and benefits" className="-mx-2">
          <table className="w-full text-sm">
            <caption className="px-2 pb-1 text-left text-sm font-semibold">Tiers and benefits</caption>
            <thead>
              <tr className="border-b text-left text-muted-foreground">
                <th scope="col" className="px-2 py-1.5 font-medium">Tier</th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">Tier credits a year</th>
                <th scope="col" className="px-2 py-1.5 text-right font-medium">Points earned</th>
              </tr>
            </thead>
            <tbody>
              {TIER_ORDER.map((tier) => (
                <tr key={tier} className={cn('border-b last:border-0', tier === s.tier && 'bg-muted font-medium')} aria-current={tier === s.tier ? 'true' : undefined}>
                  <th scope="row" className="px-2 py-1.5 text-left font-medium">
                    {TIER_NAME[tier]}
                    {tier === s.tier && <span className="text-muted-foreground"> (you)</span>}
                  </th>
                  <td className="px-2 py-1.5 text-right tabular-nums">{tier === 'blue' ? 'on joining' : points(s.thresholds[tier])}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">×{s.multipliers[tier]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </CardContent>
    </Card>
  );
}
