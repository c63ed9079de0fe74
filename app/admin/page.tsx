import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LayoutDashboardIcon } from 'lucide-react';
import { analytics } from '@/lib/admin/analytics';
import { consoleViewer } from '@/lib/admin/console-page';
import { can } from '@/lib/admin/permissions';
import { analyticsQuery } from '@/lib/admin/query';
import { AnalyticsCharts } from '@/components/admin/analytics-charts';
import { DateRangeForm } from '@/components/admin/date-range-form';
import { KpiCard } from '@/components/admin/kpi-card';
import { adminNavFor } from '@/components/admin/nav-items';
import { Banner } from '@/components/ui/banner';
import { EmptyState } from '@/components/ui/empty-state';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Overview' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function AdminOverviewPage({ searchParams }: { searchParams: Search }) {
  const { viewer, permissions } = await consoleViewer();
  if (!can(viewer, 'analytics.read')) {
    // Staff without analytics (support, ops, …) start at their first section.
    const first = adminNavFor(permissions)[0];
    if (first) redirect(first.href);
    return (
      <EmptyState icon={LayoutDashboardIcon} title="Nothing to show yet" headingLevel={2}>
        Your roles open parts of the console that have no pages yet.
      </EmptyState>
    );
  }
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const parsed = analyticsQuery.safeParse({ from: one('from'), to: one('to'), interval: one('interval') });
  const error = parsed.success ? undefined : parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
  const query = parsed.success ? parsed.data : analyticsQuery.parse({});
  const data = await analytics(query);
  const t = data.totals;
  const p = data.previous;
  const shownTo = day(new Date(query.to.getTime() - 1));

  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-muted-foreground">
          {day(new Date(data.from))} to {shownTo} (UTC), compared with the {Math.round((Date.parse(data.to) - Date.parse(data.from)) / 86_400_000)} days before.
        </p>
      </div>
      <DateRangeForm from={day(new Date(data.from))} to={shownTo} interval={query.interval} error={error} />
      {error && <Banner variant="warning" title="Showing the last 30 days">That range could not be used: {error}.</Banner>}
      <section aria-labelledby="kpi-title" className="flex flex-col gap-3">
        <h2 id="kpi-title" className="sr-only">Key figures</h2>
        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          <KpiCard label="Bookings paid" value={t.bookings} previous={p.bookings} kind="count" />
          <KpiCard label="Gross booking value" value={t.gmv_minor} previous={p.gmv_minor} kind="usd" />
          <KpiCard label="Average fare" value={t.avg_fare_minor} previous={p.avg_fare_minor} kind="usd" good="neither" />
          <KpiCard label="Cancellation rate" value={t.cancellation_rate} previous={p.cancellation_rate} kind="rate" good="down" hint={`${t.cancellations} cancelled`} />
          <KpiCard label="Refund rate" value={t.refund_rate} previous={p.refund_rate} kind="rate" good="down" hint="refunds as a share of GMV" />
          <KpiCard label="Held in escrow at period end" value={t.escrow_minor} previous={p.escrow_minor} kind="usd" good="neither"
            hint={`ledger ${Math.round(t.escrow_ledger_minor / 100).toLocaleString('en-US')} · on-chain ${Math.round(t.escrow_onchain_minor / 100).toLocaleString('en-US')} USD`} />
          <KpiCard label="Payouts released" value={t.released_minor} previous={p.released_minor} kind="usd" />
          <KpiCard label="Refunded" value={t.refunds_minor} previous={p.refunds_minor} kind="usd" good="down" />
          <KpiCard label="Loyalty liability at period end" value={t.loyalty_liability_minor} previous={p.loyalty_liability_minor} kind="usd" good="neither"
            hint={`${t.loyalty_points_outstanding.toLocaleString('en-US')} points outstanding at the redemption rate`} />
          <KpiCard label="Governance participation" value={t.governance_participation_rate} previous={p.governance_participation_rate} kind="rate"
            hint={`of voting power, on ${t.governance_proposals_closed} proposal${t.governance_proposals_closed === 1 ? '' : 's'} closed (${p.governance_proposals_closed} before)`} />
        </div>
      </section>
      <section aria-labelledby="charts-title" className="flex flex-col gap-3">
        <h2 id="charts-title" className="text-lg font-semibold">By {query.interval}</h2>
        <AnalyticsCharts series={data.series} interval={query.interval} />
      </section>
    </>
  );
}
