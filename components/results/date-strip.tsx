import { cn } from '@/components/ui/cn';
import { money } from '@/components/flights/format';
import { addDays, dayPart, daysBetween } from '@/components/search/days';
import { DayLink } from './day-link';
import { withParams } from './search-params';
import type { CalendarDay } from './types';

/**
 * Flexible dates: the cheapest fare on each day from three before to three after the chosen
 * date (for a return trip, the round trip with the return moved by the same number of days);
 * the cheapest day is marked. Choosing a day moves the return by the same number of days.
 * Rendered on the server with the results; each day is a link (day-link.tsx).
 */
export function DateStrip({ days, params, today }: { days: CalendarDay[]; params: URLSearchParams; today: string }) {
  const date = params.get('date') ?? '';
  const ret = params.get('return_date');
  const priced = days.filter((d) => d.min_price_minor !== null && d.date >= today);
  const cheapest = priced.length ? Math.min(...priced.map((d) => d.min_price_minor!)) : null;

  return (
    <nav aria-label="Flexible dates" className="rounded-xl border bg-card p-2 shadow-sm">
      {ret ? (
        <p className="px-1 pb-1.5 text-xs text-muted-foreground">Cheapest round trip by departure day; the return moves by the same number of days.</p>
      ) : (
        <p className="sr-only">Cheapest fare for each day around your departure date</p>
      )}
      <ul className="grid grid-cols-7 gap-1 overflow-x-auto">
        {days.map((d) => {
          const past = d.date < today;
          const best = cheapest !== null && d.min_price_minor === cheapest && !past;
          const price = d.min_price_minor === null || past ? null : money(d.min_price_minor, d.currency);
          const label = (
            <>
              {/* The visible text is the accessible name; narrow screens drop the month. */}
              <span className="font-medium">{dayPart(d.date, 'weekday')}</span>
              <span>
                {dayPart(d.date, 'day')}
                <span className="hidden sm:inline"> {dayPart(d.date, 'month')}</span>
              </span>
              <span className={cn('truncate text-[11px] tabular-nums sm:text-xs', best && 'font-semibold text-success group-aria-[current=date]:text-inherit')}>
                {price ?? <span aria-hidden="true">—</span>}
                {price === null && <span className="sr-only">no flights</span>}
                {best && <span className="sr-only">, cheapest</span>}
              </span>
            </>
          );
          if (price === null) {
            return (
              <li key={d.date} className="min-w-0">
                <span className="flex h-16 w-full flex-col items-center justify-center rounded-lg px-1 text-center text-xs text-muted-foreground">
                  {label}
                </span>
              </li>
            );
          }
          const changes: Record<string, string> = { date: d.date };
          if (ret) changes.return_date = addDays(ret, daysBetween(date, d.date));
          return (
            <li key={d.date} className="min-w-0">
              <DayLink day={d.date} changes={changes} href={`?${withParams(params, changes)}`} best={best}>
                {label}
              </DayLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
