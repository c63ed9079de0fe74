import { ArrowDownRightIcon, ArrowRightIcon, ArrowUpRightIcon } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { kpiDelta, type KpiKind } from './kpi';

/**
 * One figure for the period and how it moved against the previous period. `good` says which
 * direction is good news (more bookings: up; more refunds: down), so colour follows meaning.
 */
export function KpiCard({ label, value, previous, kind, good = 'up', hint }: {
  label: string;
  value: number | null;
  previous: number | null;
  kind: KpiKind;
  good?: 'up' | 'down' | 'neither';
  hint?: string;
}) {
  const d = kpiDelta(value, previous, kind);
  const better = d.direction === 'flat' || good === 'neither' ? null : (d.direction === 'up') === (good === 'up');
  const Icon = d.direction === 'up' ? ArrowUpRightIcon : d.direction === 'down' ? ArrowDownRightIcon : ArrowRightIcon;
  return (
    <div className="flex flex-col gap-1 rounded-xl border bg-card p-4 shadow-sm">
      <p className="text-sm text-muted-foreground">{label}</p>
      <p className="text-2xl font-semibold tabular-nums">{d.value}</p>
      <p className={cn('flex items-center gap-1 text-xs', better === true && 'text-success', better === false && 'text-destructive', better === null && 'text-muted-foreground')}>
        <Icon className="size-3.5" aria-hidden="true" />
        <span>{d.change}</span>
        <span className="text-muted-foreground">vs {d.previous} before</span>
      </p>
      {hint && <p className="text-xs text-muted-foreground">{hint}</p>}
    </div>
  );
}
