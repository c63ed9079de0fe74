'use client';

import * as React from 'react';
import { cn } from '@/components/ui/cn';
import { Button } from '@/components/ui/button';
import { duration, money } from '@/components/flights/amounts';
import { AirlineMark } from '@/components/flights/airline-mark';
import { useResultsState } from './results-state';
import { DAY_PARTS, dayPartOf } from './search-params';
import type { SearchMeta } from './types';

type Change = (changes: Record<string, string | null>) => void;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-2 border-t pt-4 first:border-t-0 first:pt-0">
      <legend className="mb-2 text-sm font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

const choiceClass =
  'flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-accent has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring';

/**
 * Post-search filters (Google Flights' panel): stops and airlines with their counts and lowest
 * prices, a price cap, a duration cap and departure/arrival windows. Every change goes to the URL,
 * and the server renders the results for it (results-state.tsx); the controls show the choice at once.
 */
export function Filters({ meta, currency }: { meta: SearchMeta | undefined; currency: string }) {
  const { params, change: onChange } = useResultsState();
  // The panel can be in the page twice (sidebar and phone sheet): radio groups need their own names.
  const uid = React.useId();
  const maxStops = params.get('max_stops') ?? '1';
  const chosenAirlines = params.get('airlines')?.split(',').filter(Boolean) ?? null;
  const stopsMin = (n: number) => meta?.stops.find((s) => s.stops === n);
  const nonstop = stopsMin(0);
  const anyMin = meta?.stops.length ? Math.min(...meta.stops.map((s) => s.min_price_minor)) : null;
  const anyCount = meta?.stops.reduce((a, s) => a + s.count, 0) ?? 0;

  const toggleAirline = (code: string, on: boolean) => {
    const all = meta?.airlines.map((a) => a.airline) ?? [];
    const current = chosenAirlines ?? all;
    const next = on ? [...new Set([...current, code])] : current.filter((c) => c !== code);
    onChange({ airlines: next.length === all.length || next.length === 0 ? null : next.join(',') });
  };

  return (
    <div className="flex flex-col gap-4">
      <Section title="Stops">
        {[
          { value: '1', label: 'Any number of stops', count: anyCount, min: anyMin },
          { value: '0', label: 'Nonstop only', count: nonstop?.count ?? 0, min: nonstop?.min_price_minor ?? null },
        ].map((o) => (
          <label key={o.value} className={choiceClass}>
            <input
              type="radio"
              name={`${uid}-stops`}
              value={o.value}
              checked={maxStops === o.value}
              onChange={() => onChange({ max_stops: o.value === '1' ? null : o.value })}
              className="size-4 accent-primary"
            />
            <span className="flex-1">
              {o.label} <span className="text-muted-foreground">({o.count})</span>
            </span>
            <span className="text-xs text-muted-foreground tabular-nums">{o.min !== null && o.count ? `from ${money(o.min, currency)}` : '—'}</span>
          </label>
        ))}
      </Section>

      {!!meta?.airlines.length && (
        <Section title="Airlines">
          {meta.airlines.map((a) => {
            const checked = chosenAirlines ? chosenAirlines.includes(a.airline) : true;
            return (
              <label key={a.airline} className={choiceClass}>
                <input type="checkbox" checked={checked} onChange={(e) => toggleAirline(a.airline, e.target.checked)} className="size-4 accent-primary" />
                <AirlineMark code={a.airline} className="size-6 text-[9px]" />
                <span className="flex-1">
                  {a.name} <span className="text-muted-foreground">({a.count})</span>
                </span>
                <span className="text-xs text-muted-foreground tabular-nums">from {money(a.min_price_minor, currency)}</span>
              </label>
            );
          })}
          {chosenAirlines && (
            <Button variant="link" size="sm" className="self-start px-2" onClick={() => onChange({ airlines: null })}>
              Show all airlines
            </Button>
          )}
        </Section>
      )}

      {meta?.price && meta.price.max_minor > meta.price.min_minor && (
        <RangeCap
          key={`price-${params.get('price_max')}-${meta.price.min_minor}-${meta.price.max_minor}`}
          id={`${uid}-price`}
          title="Price"
          min={meta.price.min_minor}
          max={meta.price.max_minor}
          step={1000}
          value={params.get('price_max')}
          format={(v) => `Up to ${money(v, currency)}`}
          onCommit={(v) => onChange({ price_max: v === null ? null : String(v) })}
        />
      )}

      {meta?.duration && meta.duration.max_minutes > meta.duration.min_minutes && (
        <RangeCap
          key={`duration-${params.get('max_duration')}-${meta.duration.min_minutes}-${meta.duration.max_minutes}`}
          id={`${uid}-duration`}
          title="Total travel time"
          min={meta.duration.min_minutes}
          max={meta.duration.max_minutes}
          step={15}
          value={params.get('max_duration')}
          format={(v) => `Up to ${duration(v)}`}
          onCommit={(v) => onChange({ max_duration: v === null ? null : String(Math.max(30, v)) })}
        />
      )}

      <TimeWindow title="Departure time" prefix="depart" group={`${uid}-depart`} params={params} onChange={onChange} />
      <TimeWindow title="Arrival time" prefix="arrive" group={`${uid}-arrive`} params={params} onChange={onChange} />
    </div>
  );
}

/** A slider for an upper bound; the URL changes when the thumb is released, not on every step. Keyed by the URL value, so it restarts from it. */
function RangeCap({
  id,
  title,
  min,
  max,
  step,
  value,
  format,
  onCommit,
}: {
  id: string;
  title: string;
  min: number;
  max: number;
  step: number;
  value: string | null;
  format: (v: number) => string;
  onCommit: (v: number | null) => void;
}) {
  const fromUrl = value === null ? max : Math.min(max, Math.max(min, Number(value)));
  const [draft, setDraft] = React.useState(fromUrl);
  const commit = () => {
    if (draft === fromUrl) return;
    onCommit(draft >= max ? null : draft);
  };
  // Snap the top of the range to the max so the slider can always reach "no cap".
  const snapped = (v: number) => (v + step > max ? max : v);
  return (
    <Section title={title}>
      <div className="flex items-center justify-between text-sm">
        <label htmlFor={id}>{draft >= max ? 'Any' : format(draft)}</label>
        {value !== null && (
          <Button variant="link" size="sm" className="h-auto p-0" onClick={() => onCommit(null)}>
            Reset<span className="sr-only"> {title.toLowerCase()}</span>
          </Button>
        )}
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={draft}
        aria-valuetext={draft >= max ? 'Any' : format(draft)}
        onChange={(e) => setDraft(snapped(Number(e.target.value)))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
        className="w-full accent-primary"
      />
    </Section>
  );
}

function TimeWindow({ title, prefix, group, params, onChange }: { title: string; prefix: 'depart' | 'arrive'; group: string; params: URLSearchParams; onChange: Change }) {
  const current = dayPartOf(params.get(`${prefix}_after`), params.get(`${prefix}_before`));
  return (
    <Section title={title}>
      <div className="flex flex-wrap gap-1.5">
        {DAY_PARTS.map((p) => (
          <label
            key={p.id}
            className={cn(
              'cursor-pointer rounded-full border px-3 py-1 text-xs font-medium transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring',
              current === p.id ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-accent',
            )}
          >
            <input
              type="radio"
              name={group}
              className="sr-only"
              checked={current === p.id}
              onChange={() => onChange({ [`${prefix}_after`]: p.after, [`${prefix}_before`]: p.before })}
            />
            {p.label}
          </label>
        ))}
      </div>
    </Section>
  );
}
