// Display formatting for flights and money. Times arrive as UTC instants; travellers read them
// in each airport's own time zone, the way boarding passes and departure boards show them.

import { dateTimeFormat } from '@/lib/intl/formats';

// Money and durations live in ./amounts.ts (the results page's filters need only those).
export { duration, money } from './amounts';

/** "08:15" at the given zone. */
export function clock(iso: string, timeZone: string): string {
  return dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function dayIn(iso: string, timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** "Tue 9 Dec" of an instant in a zone. */
export function dateIn(iso: string, timeZone: string, withYear = false): string {
  return dateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(new Date(iso));
}

/** "Tue 9 Dec" of a calendar day (YYYY-MM-DD). */
export function dayLabel(day: string, withYear = false): string {
  return dateIn(`${day}T12:00:00Z`, 'UTC', withYear);
}

/** Days between two local calendar days: the "+1" after an overnight arrival. */
export function dayOffset(departIso: string, departZone: string, arriveIso: string, arriveZone: string): number {
  const a = Date.parse(`${dayIn(departIso, departZone)}T00:00:00Z`);
  const b = Date.parse(`${dayIn(arriveIso, arriveZone)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}


/** A date and time for receipts and timelines, in the viewer's own zone (or the zone given). */
export function stamp(iso: string, timeZone?: string): string {
  return dateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 adults, 1 child" */
export function passengerMix(p: { adults: number; children: number; infants: number }): string {
  return [p.adults && plural(p.adults, 'adult'), p.children && plural(p.children, 'child', 'children'), p.infants && plural(p.infants, 'infant')]
    .filter(Boolean)
    .join(', ');
}

export function travellerCount(p: { adults: number; children: number; infants: number }): number {
  return p.adults + p.children + p.infants;
}

/** "m:ss" or "h:mm:ss" left until an instant; 0 when passed. */
export function countdown(msLeft: number): string {
  const s = Math.max(0, Math.floor(msLeft / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
