// Calendar days as the search works with them: "yyyy-MM-dd" strings, counted in UTC so a day is
// always 24 hours. A few lines instead of date-fns because they run on the home and search pages,
// whose first load has a budget (scripts/page-budget.mts) and date-fns' formatter brings its locale.

import { dateTimeFormat } from '@/lib/intl/formats';

const DAY_MS = 86_400_000;
const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  return new Date(noon(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((noon(to) - noon(from)) / DAY_MS);
}

/** One part of a day's name in English: weekday ("Tue"), day of the month ("9") or month ("Dec"). */
export function dayPart(day: string, part: 'weekday' | 'day' | 'month'): string {
  const options: Intl.DateTimeFormatOptions =
    part === 'weekday' ? { weekday: 'short' } : part === 'day' ? { day: 'numeric' } : { month: 'short' };
  return dateTimeFormat('en-GB', { timeZone: 'UTC', ...options }).format(noon(day));
}

/** "9 Dec". */
export function shortDay(day: string): string {
  return `${dayPart(day, 'day')} ${dayPart(day, 'month')}`;
}

/** "Tue 9 Dec 2026". */
export function readableDate(day: string): string {
  return `${dayPart(day, 'weekday')} ${shortDay(day)} ${day.slice(0, 4)}`;
}
