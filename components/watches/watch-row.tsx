'use client';

import Link from 'next/link';
import * as React from 'react';
import { PauseIcon, PencilIcon, PlayIcon, Trash2Icon } from 'lucide-react';
import { dayLabel, money } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { PriceWatch } from '@/lib/watches/types';
import { Sparkline } from './sparkline';
import { useDeleteWatch, useUpdateWatch } from './use-watches';

const CABIN: Record<string, string> = { economy: 'Economy', premium_economy: 'Premium economy', business: 'Business', first: 'First' };

function dates(w: PriceWatch): string {
  const out = w.depart_date === w.depart_date_to ? dayLabel(w.depart_date) : `${dayLabel(w.depart_date)}–${dayLabel(w.depart_date_to)}`;
  return w.return_date ? `${out}, back ${dayLabel(w.return_date)}` : `${out}, one way`;
}

/** "Steady" under 3 %, "Moving" under 10 %, else "Volatile": how much waiting may win or lose. */
function volatility(bps: number): string {
  const pct = (bps / 100).toFixed(1);
  return bps < 300 ? `Steady (±${pct} %)` : bps < 1000 ? `Moving (±${pct} %)` : `Volatile (±${pct} %)`;
}

/** One watch: route and dates, sparkline, current vs target, volatility; edit target, pause, delete. */
export function WatchRow({ watch: w }: { watch: PriceWatch }) {
  const update = useUpdateWatch();
  const remove = useDeleteWatch();
  const [editing, setEditing] = React.useState(false);
  const [target, setTarget] = React.useState(w.target_minor ? String(w.target_minor / 100) : '');
  const [error, setError] = React.useState<string>();
  const headingId = `watch-${w.id}`;
  const search = new URLSearchParams({ from: w.origin, to: w.destination, date: w.depart_date, cabin: w.cabin, adults: String(w.adults), children: String(w.children) });
  if (w.return_date) search.set('return_date', w.return_date);
  const under = w.target_minor !== null && w.current_minor !== null && w.current_minor <= w.target_minor;

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const value = target.trim() === '' ? null : Math.round(Number(target) * 100);
    if (value !== null && (!Number.isFinite(value) || value <= 0)) { setError('Enter a price above zero, or leave it empty for no target.'); return; }
    setError(undefined);
    update.mutate({ id: w.id, patch: { target_minor: value } }, { onSuccess: () => setEditing(false) });
  };

  return (
    <li aria-labelledby={headingId} className="flex flex-col gap-3 rounded-xl border bg-card p-4 shadow-sm sm:flex-row sm:items-center">
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={headingId} className="font-semibold">
            <Link href={`/search?${search}`} className="hover:underline">{w.origin} → {w.destination}</Link>
          </h2>
          {!w.active && <Badge variant="outline">Paused</Badge>}
          {under && <Badge variant="success">At or under target</Badge>}
        </div>
        <p className="text-sm text-muted-foreground">{dates(w)} · {CABIN[w.cabin] ?? w.cabin} · {w.adults + w.children} {w.adults + w.children === 1 ? 'traveller' : 'travellers'}</p>
        <p className="text-sm">
          <span className="font-medium" data-testid="watch-current">{w.current_minor !== null ? money(w.current_minor, w.currency) : 'No fares'}</span>
          <span className="text-muted-foreground"> now · target {w.target_minor !== null ? money(w.target_minor, w.currency) : 'none'} · alerts at a {(w.drop_bps / 100).toFixed(0)} % drop · {volatility(w.volatility_bps)}</span>
        </p>
      </div>
      <Sparkline prices={w.history.map((h) => h.price_minor)} className="h-10 w-full sm:w-32" />
      {editing ? (
        <form onSubmit={save} className="flex flex-col gap-1" noValidate>
          <label htmlFor={`target-${w.id}`} className="text-sm font-medium">Target price ({w.currency})</label>
          <div className="flex gap-2">
            <Input id={`target-${w.id}`} inputMode="decimal" className="w-28" value={target} onChange={(e) => setTarget(e.target.value)}
              aria-invalid={error ? true : undefined} aria-describedby={error ? `target-${w.id}-error` : undefined} />
            <Button type="submit" size="sm" disabled={update.isPending}>Save</Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(false)}>Cancel</Button>
          </div>
          {error && <p id={`target-${w.id}-error`} className="text-sm text-destructive">{error}</p>}
        </form>
      ) : (
        <div className="flex gap-1">
          <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={`Edit target for ${w.origin} to ${w.destination}`}><PencilIcon aria-hidden="true" /> Target</Button>
          <Button variant="ghost" size="sm" disabled={update.isPending} onClick={() => update.mutate({ id: w.id, patch: { active: !w.active } })}
            aria-label={`${w.active ? 'Pause' : 'Resume'} watch ${w.origin} to ${w.destination}`}>
            {w.active ? <PauseIcon aria-hidden="true" /> : <PlayIcon aria-hidden="true" />}
          </Button>
          <Button variant="ghost" size="sm" disabled={remove.isPending} onClick={() => remove.mutate(w.id)} aria-label={`Delete watch ${w.origin} to ${w.destination}`}>
            <Trash2Icon aria-hidden="true" />
          </Button>
        </div>
      )}
    </li>
  );
}
