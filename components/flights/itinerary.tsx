import { ArmchairIcon, BriefcaseIcon, CheckIcon, ClockIcon, LuggageIcon, PlaneIcon, RefreshCwIcon, XIcon } from 'lucide-react';
import type { AirportRef, FareConditions, Segment } from '@/lib/flights/types';
import { cn } from '@/components/ui/cn';
import { clock, dateIn, dayOffset, duration, money } from './format';

/** "+1" beside an arrival that lands on a later local day than the departure. */
export function DayShift({ days }: { days: number }) {
  if (!days) return null;
  return (
    <sup className="ml-0.5 text-xs font-semibold text-warning" title={`Arrives ${days} day${days === 1 ? '' : 's'} later`}>
      <span className="sr-only"> arrives </span>
      {days > 0 ? `+${days}` : days}
      <span className="sr-only"> day{Math.abs(days) === 1 ? '' : 's'} later</span>
    </sup>
  );
}

export function stopsLabel(stops: number): string {
  return stops === 0 ? 'Nonstop' : stops === 1 ? '1 stop' : `${stops} stops`;
}

export function airportName(a: AirportRef): string {
  return a.city ? `${a.city} (${a.iata})` : `${a.name} (${a.iata})`;
}

/** A slice's times, in each airport's local time, with the route: "08:15 JFK → 20:30+1 LHR". */
export function SliceTimes({
  origin,
  destination,
  departs_at,
  arrives_at,
  className,
}: {
  origin: AirportRef;
  destination: AirportRef;
  departs_at: string;
  arrives_at: string;
  className?: string;
}) {
  const shift = dayOffset(departs_at, origin.time_zone, arrives_at, destination.time_zone);
  return (
    <p className={cn('text-base font-semibold tabular-nums sm:text-lg', className)}>
      <time dateTime={departs_at}>{clock(departs_at, origin.time_zone)}</time>
      <span aria-hidden="true"> – </span>
      <span className="sr-only"> to </span>
      <time dateTime={arrives_at}>{clock(arrives_at, destination.time_zone)}</time>
      <DayShift days={shift} />
    </p>
  );
}

/**
 * The legs of one slice, top to bottom: each flight with its number, aircraft and local
 * times, and the connection time between flights.
 */
export function SegmentList({ segments }: { segments: Segment[] }) {
  return (
    <ol className="flex flex-col gap-0">
      {segments.map((s, i) => {
        const next = segments[i + 1];
        const layover = next ? Math.round((Date.parse(next.departs_at) - Date.parse(s.arrives_at)) / 60_000) : 0;
        const shift = dayOffset(s.departs_at, s.origin.time_zone, s.arrives_at, s.destination.time_zone);
        return (
          <li key={`${s.flight_id}-${i}`}>
            <div className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3">
              <div className="flex flex-col items-center pt-1.5" aria-hidden="true">
                <span className="size-2.5 rounded-full border-2 border-primary" />
                <span className="my-1 w-px flex-1 bg-border" />
                <span className="size-2.5 rounded-full bg-primary" />
              </div>
              <div className="flex flex-col gap-2 pb-1">
                <p className="text-sm">
                  <time dateTime={s.departs_at} className="font-semibold tabular-nums">
                    {clock(s.departs_at, s.origin.time_zone)}
                  </time>{' '}
                  <span className="text-muted-foreground">{dateIn(s.departs_at, s.origin.time_zone)}</span> · {s.origin.name} ({s.origin.iata})
                </p>
                <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                  <span className="inline-flex items-center gap-1">
                    <ClockIcon className="size-3.5" aria-hidden="true" />
                    Travel time {duration(s.duration_minutes)}
                  </span>
                  <span className="inline-flex items-center gap-1">
                    <PlaneIcon className="size-3.5" aria-hidden="true" />
                    {s.airline_name} · {s.designator}
                  </span>
                  <span>{s.aircraft.name}</span>
                </p>
                <p className="text-sm">
                  <time dateTime={s.arrives_at} className="font-semibold tabular-nums">
                    {clock(s.arrives_at, s.destination.time_zone)}
                  </time>
                  <DayShift days={shift} />{' '}
                  <span className="text-muted-foreground">{dateIn(s.arrives_at, s.destination.time_zone)}</span> · {s.destination.name} (
                  {s.destination.iata})
                </p>
              </div>
            </div>
            {next && (
              <p className="my-3 ml-5 rounded-md border border-dashed bg-muted/60 px-3 py-2 text-sm">
                {duration(layover)} connection in {airportName(s.destination)}
                {next.origin.iata !== s.destination.iata && <strong className="text-destructive"> · change airport to {next.origin.iata}</strong>}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

const SEAT_LABEL: Record<FareConditions['seat_selection'], string> = {
  paid: 'Seat choice for a fee',
  standard: 'Standard seat choice included',
  any: 'Any seat included',
};

/** What a fare allows, as a checklist: bags, seats, changes and refunds with their penalties. */
export function FareConditionList({ conditions, currency, className }: { conditions: FareConditions; currency: string; className?: string }) {
  const rows: { ok: boolean; icon: React.ReactNode; text: string }[] = [
    { ok: conditions.carry_on, icon: <BriefcaseIcon />, text: conditions.carry_on ? 'Carry-on bag included' : 'No carry-on bag' },
    {
      ok: conditions.checked_bags > 0,
      icon: <LuggageIcon />,
      text: conditions.checked_bags ? `${conditions.checked_bags} checked bag${conditions.checked_bags === 1 ? '' : 's'} included` : 'Checked bags for a fee',
    },
    { ok: conditions.seat_selection !== 'paid', icon: <ArmchairIcon />, text: SEAT_LABEL[conditions.seat_selection] },
    {
      ok: conditions.changeable,
      icon: <RefreshCwIcon />,
      text: !conditions.changeable
        ? 'No changes'
        : conditions.change_penalty_minor
          ? `Changes for ${money(conditions.change_penalty_minor, currency)} per passenger`
          : 'Free changes',
    },
    {
      ok: conditions.refundable,
      icon: <RefreshCwIcon />,
      text: !conditions.refundable
        ? 'Non-refundable'
        : conditions.refund_penalty_minor
          ? `Refundable, ${money(conditions.refund_penalty_minor, currency)} fee per passenger`
          : 'Fully refundable',
    },
  ];
  return (
    <ul className={cn('flex flex-col gap-1.5 text-sm', className)}>
      {rows.map((r) => (
        <li key={r.text} className={cn('flex items-start gap-2', !r.ok && 'text-muted-foreground')}>
          {r.ok ? (
            <CheckIcon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" />
          ) : (
            <XIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          )}
          <span>{r.text}</span>
        </li>
      ))}
    </ul>
  );
}
