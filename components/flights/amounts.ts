// Money and durations as travellers read them: a module of their own, so client code that needs
// only these (the results page's filters) does not bring the time-zone formatting of ./format.ts.

import { numberFormat } from '@/lib/intl/formats';

/** Money in minor units (cents) as "$1,234.50" (whole amounts drop the cents). */
export function money(minor: number, currency: string, opts: { cents?: boolean } = {}): string {
  const whole = minor % 100 === 0 && !opts.cents;
  return numberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(minor / 100);
}

/** "7 h 05 m", "55 m". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} m`;
  return `${h} h ${String(m).padStart(2, '0')} m`;
}
