import { money } from '@/components/flights/format';

// Formatting a KPI and its change against the previous period: counts and money change by a
// percentage, rates by percentage points (a rate going from 10% to 12% is +2 pts, not +20%).

export type KpiKind = 'count' | 'usd' | 'rate';

export function formatKpi(value: number | null, kind: KpiKind): string {
  if (value === null) return '—';
  if (kind === 'usd') return money(Math.round(value / 100) * 100, 'USD');
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  return new Intl.NumberFormat('en-US').format(value);
}

export function kpiDelta(value: number | null, previous: number | null, kind: KpiKind): {
  value: string; previous: string; change: string; direction: 'up' | 'down' | 'flat';
} {
  const out = { value: formatKpi(value, kind), previous: formatKpi(previous, kind) };
  if (value === null || previous === null) return { ...out, change: 'no comparison', direction: 'flat' };
  const diff = value - previous;
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat';
  if (kind === 'rate') {
    const pts = diff * 100;
    return { ...out, change: `${pts > 0 ? '+' : ''}${pts.toFixed(1)} pts`, direction };
  }
  if (previous === 0) return { ...out, change: diff === 0 ? 'no change' : 'new', direction };
  const pct = (diff / Math.abs(previous)) * 100;
  return { ...out, change: `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`, direction };
}
