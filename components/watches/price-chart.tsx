'use client';

import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { money } from '@/components/flights/format';
import type { RouteHistory } from '@/lib/watches/types';

const dayLabel = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * The route's daily low fares (recharts), with the typical band shaded; the same numbers as a
 * table for screen readers. Loaded on demand (price-history.tsx) so search pays for recharts
 * only when the chart is opened.
 */
export function PriceChart({ history }: { history: RouteHistory }) {
  const rows = history.history.map((h) => ({ date: dayLabel(h.date), price: h.price_minor }));
  const fmt = (v: number) => money(v, history.currency);
  return (
    <>
      <div className="h-48 w-full" aria-hidden="true" data-testid="price-history-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ left: 8, right: 8, top: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            {history.typical_low_minor !== null && history.typical_high_minor !== null && (
              <ReferenceArea y1={history.typical_low_minor} y2={history.typical_high_minor} fill="var(--muted)" fillOpacity={0.6} />
            )}
            <XAxis dataKey="date" tickLine={false} fontSize={12} minTickGap={24} />
            <YAxis tickFormatter={fmt} width={64} fontSize={12} domain={['auto', 'auto']} />
            <Tooltip formatter={(v) => fmt(Number(v))} />
            <Line type="monotone" dataKey="price" name="Lowest fare" stroke="var(--primary)" strokeWidth={2} dot={rows.length < 12} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>Lowest one-way fare for one adult by day</caption>
        <thead>
          <tr><th scope="col">Day</th><th scope="col">Lowest fare</th></tr>
        </thead>
        <tbody>
          {history.history.map((h) => (
            <tr key={h.date}><td>{h.date}</td><td>{fmt(h.price_minor)}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
