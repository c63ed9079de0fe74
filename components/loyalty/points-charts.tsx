'use client';

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LoyaltyStats, LoyaltySummary } from '@/lib/loyalty/types';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { points, TIER_NAME } from './tiers';

// The loyalty page's two charts (recharts), each with the same numbers as a table for screen
// readers: points by month stacked by where they came from, and tier credits over the year
// against the tier thresholds.

const SOURCES: { key: string; label: string; color: string }[] = [
  { key: 'booking', label: 'Flights', color: 'var(--primary)' },
  { key: 'campaign', label: 'Campaigns', color: 'oklch(0.6 0.15 155)' },
  { key: 'referral', label: 'Referrals', color: 'oklch(0.65 0.15 70)' },
  { key: 'airdrop', label: 'Airdrops', color: 'oklch(0.6 0.18 320)' },
  { key: 'adjustment', label: 'Adjustments', color: 'oklch(0.6 0.05 260)' },
  { key: 'redemption', label: 'Redeemed', color: 'oklch(0.55 0.18 27)' },
  { key: 'reversal', label: 'Reversed', color: 'oklch(0.45 0.05 27)' },
  { key: 'expiry', label: 'Expired', color: 'oklch(0.35 0.02 260)' },
];

const monthLabel = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', timeZone: 'UTC' });

export function PointsByMonth({ stats }: { stats: LoyaltyStats }) {
  const rows = stats.points_by_month.map((m) => ({ month: monthLabel(m.month), ...m.by_source }));
  const present = SOURCES.filter((s) => stats.points_by_month.some((m) => (m.by_source[s.key] ?? 0) !== 0));
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Points by month</CardTitle>
        <CardDescription>The last 12 months, by where they came from; redeemed and reversed points below the line.</CardDescription>
      </CardHeader>
      <CardContent>
        {present.length === 0 ? (
          <p className="text-sm text-muted-foreground">No points in the last 12 months yet.</p>
        ) : (
          <>
            <div className="h-64 w-full" aria-hidden="true">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={rows} stackOffset="sign" margin={{ left: 8, right: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="month" tickLine={false} fontSize={12} />
                  <YAxis tickFormatter={(v: number) => points(v)} width={56} fontSize={12} />
                  <Tooltip formatter={(v) => points(Number(v))} />
                  <Legend />
                  <ReferenceLine y={0} stroke="var(--border)" />
                  {present.map((s) => (
                    <Bar key={s.key} dataKey={s.key} name={s.label} stackId="points" fill={s.color} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
            <table className="sr-only">
              <caption>Points by month and source</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  {present.map((s) => (
                    <th key={s.key} scope="col">{s.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {stats.points_by_month.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{monthLabel(m.month)}</th>
                    {present.map((s) => (
                      <td key={s.key}>{points(m.by_source[s.key] ?? 0)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </CardContent>
    </Card>
  );
}

export function TierCreditsOverYear({ stats, summary }: { stats: LoyaltyStats; summary: LoyaltySummary }) {
  const rows = stats.tier_credits_by_month.map((m) => ({ month: monthLabel(m.month), total: m.total }));
  const top = Math.max(summary.thresholds.platinum, ...rows.map((r) => r.total));
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Tier credits this year</CardTitle>
        <CardDescription>Running total of active tier credits, against each tier’s threshold.</CardDescription>
      </CardHeader>
      <CardContent>
        <div className="h-64 w-full" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rows} margin={{ left: 8, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="month" tickLine={false} fontSize={12} />
              <YAxis domain={[0, top]} tickFormatter={(v: number) => points(v)} width={56} fontSize={12} />
              <Tooltip formatter={(v) => points(Number(v))} />
              {(['silver', 'gold', 'platinum'] as const).map((tier) => (
                <ReferenceLine key={tier} y={summary.thresholds[tier]} stroke="var(--muted-foreground)" strokeDasharray="4 4"
                  label={{ value: TIER_NAME[tier], position: 'insideTopLeft', fontSize: 11, fill: 'var(--muted-foreground)' }} />
              ))}
              <Line type="monotone" dataKey="total" name="Tier credits" stroke="var(--primary)" strokeWidth={2} dot />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <table className="sr-only">
          <caption>Tier credits by month this year</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Earned</th>
              <th scope="col">Running total</th>
            </tr>
          </thead>
          <tbody>
            {stats.tier_credits_by_month.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthLabel(m.month)}</th>
                <td>{points(m.earned)}</td>
                <td>{points(m.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}
