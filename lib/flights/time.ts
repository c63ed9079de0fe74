import { dateTimeFormat } from '@/lib/intl/formats';

/** The calendar day (YYYY-MM-DD) of an instant in an IANA time zone. */
export function localDay(iso: string, timeZone: string): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
