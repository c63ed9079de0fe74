'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/components/api/fetch-json';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { money } from '@/components/flights/format';
import { addDays, dayPart, daysBetween } from '@/components/search/days';
import type { CalendarDay } from './types';

/**
 * Flexible dates: the cheapest fare on each day from three before to three after the chosen
 * date (for a return trip, the round trip with the return moved by the same number of days);
 * the cheapest day is marked. Choosing a day moves the return by the same number of days.
 */
export function DateStrip({
  params,
  today,
  onPick,
}: {
  params: URLSearchParams;
  today: string;
  onPick: (changes: Record<string, string | null>) => void;
}) {
  const date = params.get('date') ?? '';
  const q = new URLSearchParams();
  for (const k of ['from', 'to', 'date', 'return_date', 'adults', 'children', 'infants', 'cabin', 'max_stops']) {
    const v = params.get(k);
    if (v) q.set(k, v);
  }
  const { data, isPending, isError } = useQuery({
    queryKey: ['calendar', q.toString()],
    queryFn: ({ signal }) => fetchJson<{ data: CalendarDay[] }>(`/api/v1/flights/calendar?${q}`, { signal }),
    enabled: !!date,
  });

  if (isError) return null;
  const days = data?.data ?? [];
  const priced = days.filter((d) => d.min_price_minor !== null && d.date >= today);
  const cheapest = priced.length ? Math.min(...priced.map((d) => d.min_price_minor!)) : null;

  const pick = (day: string) => {
    const changes: Record<string, string | null> = { date: day };
    const ret = params.get('return_date');
    if (ret) {
      changes.return_date = addDays(ret, daysBetween(date, day));
    }
    onPick(changes);
  };

  return (
    <nav aria-label="Flexible dates" className="rounded-xl border bg-card p-2 shadow-sm">
      {params.get('return_date') ? (
        <p className="px-1 pb-1.5 text-xs text-muted-foreground">Cheapest round trip by departure day; the return moves by the same number of days.</p>
      ) : (
        <p className="sr-only">Cheapest fare for each day around your departure date</p>
      )}
      <ul className="grid grid-cols-7 gap-1 overflow-x-auto">
        {isPending
          ? Array.from({ length: 7 }, (_, i) => (
              <li key={i}>
                <Skeleton className="h-16 w-full" />
              </li>
            ))
          : days.map((d) => {
              const current = d.date === date;
              const past = d.date < today;
              const best = cheapest !== null && d.min_price_minor === cheapest && !past;
              const price = d.min_price_minor === null || past ? '—' : money(d.min_price_minor, d.currency);
              return (
                <li key={d.date} className="min-w-0">
                  <button
                    type="button"
                    disabled={past || d.min_price_minor === null}
                    aria-current={current ? 'date' : undefined}
                    onClick={() => pick(d.date)}
                    className={cn(
                      'flex h-16 w-full flex-col items-center justify-center rounded-lg px-1 text-center text-xs outline-none transition-colors',
                      'hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-50',
                      current && 'bg-primary text-primary-foreground hover:bg-primary/90',
                      best && !current && 'bg-success/15 ring-1 ring-success/60',
                    )}
                  >
                    {/* The visible text is the accessible name; narrow screens drop the month. */}
                    <span className="font-medium">{dayPart(d.date, 'weekday')}</span>
                    <span>
                      {dayPart(d.date, 'day')}
                      <span className="hidden sm:inline"> {dayPart(d.date, 'month')}</span>
                    </span>
                    <span className={cn('truncate text-[11px] tabular-nums sm:text-xs', best && !current && 'font-semibold text-success', best && current && 'font-semibold')}>
                      {price === '—' ? <span aria-hidden="true">—</span> : price}
                      {price === '—' && <span className="sr-only">no flights</span>}
                      {best && <span className="sr-only">, cheapest</span>}
                    </span>
                  </button>
                </li>
              );
            })}
      </ul>
    </nav>
  );
}
