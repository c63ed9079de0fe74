'use client';

import { Area, AreaChart, Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsBucket } from '@/lib/admin/analytics';
import { formatKpi } from './kpi';

// The overview's charts. Each is an image to assistive technology, labelled with what it shows;
// the period's figures are also in the KPI cards above them.

const AXIS = { stroke: 'var(--muted-foreground)', fontSize: 12 };
const GRID = 'var(--border)';

function bucketLabel(iso: string, interval: string): string {
  const d = new Date(iso);
  return interval === 'month'
    ? d.toLocaleDateString('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' })
    : d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

const usdShort = (minor: number) => `$${new Intl.NumberFormat('en-US', { notation: 'compact' }).format(minor / 100)}`;

function Frame({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <figure className="flex flex-col gap-2 rounded-xl border bg-card p-4 shadow-sm">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <div role="img" aria-label={title} className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">{children}</ResponsiveContainer>
      </div>
    </figure>
  );
}

export function AnalyticsCharts({ series, interval }: { series: AnalyticsBucket[]; interval: string }) {
  const data = series.map((b) => ({ ...b, label: bucketLabel(b.start, interval), cancel_pct: b.cancellation_rate === null ? null : b.cancellation_rate * 100,
    refund_pct: b.refund_rate === null ? null : b.refund_rate * 100 }));
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Frame title="Bookings paid and gross booking value">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} minTickGap={16} />
          <YAxis yAxisId="n" tick={AXIS} allowDecimals={false} width={44} />
          <YAxis yAxisId="usd" orientation="right" tick={AXIS} tickFormatter={usdShort} width={56} />
          <Tooltip formatter={(v, name) => (name === 'GMV' ? formatKpi(Number(v), 'usd') : formatKpi(Number(v), 'count'))} />
          <Legend />
          <Bar yAxisId="n" dataKey="bookings" name="Bookings" fill="var(--primary)" radius={[3, 3, 0, 0]} />
          <Line yAxisId="usd" dataKey="gmv_minor" name="GMV" stroke="var(--success)" strokeWidth={2} dot={false} type="monotone" />
        </ComposedChart>
      </Frame>
      <Frame title="Money held in escrow, by rail">
        <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} minTickGap={16} />
          <YAxis tick={AXIS} tickFormatter={usdShort} width={56} />
          <Tooltip formatter={(v) => formatKpi(Number(v), 'usd')} />
          <Legend />
          <Area dataKey="escrow_ledger_minor" name="Ledger escrow" stackId="e" stroke="var(--primary)" fill="var(--primary)" fillOpacity={0.25} type="monotone" />
          <Area dataKey="escrow_onchain_minor" name="On-chain escrow" stackId="e" stroke="var(--warning)" fill="var(--warning)" fillOpacity={0.25} type="monotone" />
        </AreaChart>
      </Frame>
      <Frame title="Cancellation and refund rates">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} minTickGap={16} />
          <YAxis tick={AXIS} unit="%" width={44} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} />
          <Legend />
          <Line dataKey="cancel_pct" name="Cancellation rate" stroke="var(--destructive)" strokeWidth={2} dot={false} connectNulls type="monotone" />
          <Line dataKey="refund_pct" name="Refund rate" stroke="var(--warning)" strokeWidth={2} dot={false} connectNulls type="monotone" />
        </LineChart>
      </Frame>
      <Frame title="Payouts released from escrow">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} minTickGap={16} />
          <YAxis tick={AXIS} tickFormatter={usdShort} width={56} />
          <Tooltip formatter={(v) => formatKpi(Number(v), 'usd')} />
          <Legend />
          <Bar dataKey="released_minor" name="Released" fill="var(--success)" radius={[3, 3, 0, 0]} />
          <Bar dataKey="refunds_minor" name="Refunded" fill="var(--destructive)" radius={[3, 3, 0, 0]} />
        </ComposedChart>
      </Frame>
    </div>
  );
}
