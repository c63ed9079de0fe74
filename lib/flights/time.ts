import { dateTimeFormat } from '@/lib/intl/formats';

// The day formatter per time zone, looked up by the zone alone: dateTimeFormat's key is the
// options' JSON, built again at every call, and search computes two days for every offer.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in an IANA time zone. */
export function localDay(iso: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(new Date(iso));
}
