'use client';

import { TimerIcon } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { countdown } from '@/components/flights/format';

/**
 * Time left on an offer or a seat hold. The visible clock ticks every second; screen readers
 * get the label once (no live region, which would announce every tick).
 */
export function Countdown({ until, now, label, className }: { until: string; now: number; label: string; className?: string }) {
  const left = Date.parse(until) - now;
  const urgent = left < 3 * 60_000;
  return (
    <p
      className={cn(
        'inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm font-medium whitespace-nowrap tabular-nums',
        left <= 0 ? 'bg-destructive text-destructive-foreground' : urgent ? 'bg-warning text-warning-foreground' : 'bg-secondary text-secondary-foreground',
        className,
      )}
    >
      <TimerIcon className="size-4" aria-hidden="true" />
      {left <= 0 ? `${label}: expired` : `${label} ${countdown(left)}`}
    </p>
  );
}
