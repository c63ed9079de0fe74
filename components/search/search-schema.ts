// zod/mini: this schema runs in the browser on the home and search pages, where the full zod
// build would be a fifth of the page's JavaScript (the server's schemas keep the full API).
import * as z from 'zod/mini';
import { addDays, format, parseISO } from 'date-fns';
import { CABIN_CODES, isCabin } from '@/lib/flights/cabins';

// The flight search form's rules and the /search URL it produces. Pure, so it can be unit-tested.

/** The seeded schedule covers this many days from today, today included (the server's SCHEDULE_DAYS default). */
export const DEFAULT_WINDOW_DAYS = 120;
export const MAX_SEATED_PASSENGERS = 9;

const iata = (message: string) => z.string().check(z.regex(/^[A-Z]{3}$/, message));
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Dates are calendar days (yyyy-MM-dd); string order is date order, so plain comparisons work. */
export function searchWindow(today: string, days = DEFAULT_WINDOW_DAYS): { min: string; max: string } {
  return { min: today, max: format(addDays(parseISO(today), days - 1), 'yyyy-MM-dd') };
}

export function readableDate(day: string): string {
  return format(parseISO(day), 'EEE d MMM yyyy');
}

export function flightSearchSchema(today: string, days = DEFAULT_WINDOW_DAYS) {
  const { min, max } = searchWindow(today, days);
  const inWindow = (field: 'date' | 'returnDate', value: string, ctx: z.core.$RefinementCtx) => {
    if (!ISO_DAY.test(value)) return; // already reported as missing
    if (value < min) ctx.addIssue({ code: 'custom', path: [field], message: 'This date has passed' });
    else if (value > max) ctx.addIssue({ code: 'custom', path: [field], message: `Flights are scheduled up to ${readableDate(max)}` });
  };

  return z
    .object({
      tripType: z.enum(['one_way', 'return']),
      from: iata('Choose where you are flying from'),
      to: iata('Choose where you are flying to'),
      date: z.string().check(z.regex(ISO_DAY, 'Choose a departure date')),
      returnDate: z.string(),
      adults: z.int().check(z.minimum(1, 'At least one adult'), z.maximum(MAX_SEATED_PASSENGERS)),
      children: z.int().check(z.minimum(0), z.maximum(MAX_SEATED_PASSENGERS - 1)),
      infants: z.int().check(z.minimum(0)),
      cabin: z.enum(CABIN_CODES),
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.from && v.to && v.from === v.to) {
          ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose a destination different from the origin' });
        }
        inWindow('date', v.date, ctx);
        if (v.tripType === 'return') {
          if (!ISO_DAY.test(v.returnDate)) ctx.addIssue({ code: 'custom', path: ['returnDate'], message: 'Choose a return date' });
          else if (ISO_DAY.test(v.date) && v.returnDate < v.date) ctx.addIssue({ code: 'custom', path: ['returnDate'], message: 'Return can’t be before departure' });
          else inWindow('returnDate', v.returnDate, ctx);
        }
        if (v.adults + v.children > MAX_SEATED_PASSENGERS) {
          ctx.addIssue({ code: 'custom', path: ['children'], message: `At most ${MAX_SEATED_PASSENGERS} seated passengers per booking` });
        }
        if (v.infants > v.adults) {
          ctx.addIssue({ code: 'custom', path: ['infants'], message: 'Each infant needs an adult’s lap' });
        }
      }),
    );
}

export type FlightSearchInput = z.input<ReturnType<typeof flightSearchSchema>>;
export type FlightSearch = z.output<ReturnType<typeof flightSearchSchema>>;

export function defaultSearch(today: string, days = DEFAULT_WINDOW_DAYS): FlightSearchInput {
  const start = parseISO(today);
  const { max } = searchWindow(today, days);
  const inWindow = (offset: number) => {
    const day = format(addDays(start, offset), 'yyyy-MM-dd');
    return day > max ? max : day;
  };
  return {
    tripType: 'return',
    from: '',
    to: '',
    // Two weeks out, one week away: a typical trip, well inside the schedule window.
    date: inWindow(14),
    returnDate: inWindow(21),
    adults: 1,
    children: 0,
    infants: 0,
    cabin: 'economy',
  };
}

/** `/search?from=JFK&to=LHR&date=…[&return_date=…]&adults=1&children=0&infants=0&cabin=economy` */
export function searchHref(s: FlightSearch): string {
  const params = new URLSearchParams({ from: s.from, to: s.to, date: s.date });
  if (s.tripType === 'return') params.set('return_date', s.returnDate);
  params.set('adults', String(s.adults));
  params.set('children', String(s.children));
  params.set('infants', String(s.infants));
  params.set('cabin', s.cabin);
  return `/search?${params}`;
}

/**
 * The inverse of searchHref, for pre-filling the form (e.g. on the results page). Keeps only
 * well-formed values and leaves the rest to the defaults; the schema still validates on submit.
 */
export function searchFromParams(params: URLSearchParams): Partial<FlightSearchInput> {
  const out: Partial<FlightSearchInput> = {};
  const code = (key: string) => params.get(key)?.toUpperCase();
  const from = code('from');
  const to = code('to');
  if (from && /^[A-Z]{3}$/.test(from)) out.from = from;
  if (to && /^[A-Z]{3}$/.test(to)) out.to = to;
  const date = params.get('date');
  if (date && ISO_DAY.test(date)) out.date = date;
  const ret = params.get('return_date');
  out.tripType = ret && ISO_DAY.test(ret) ? 'return' : 'one_way';
  out.returnDate = out.tripType === 'return' ? ret! : '';
  for (const key of ['adults', 'children', 'infants'] as const) {
    const n = Number(params.get(key));
    if (params.has(key) && Number.isInteger(n) && n >= 0 && n <= MAX_SEATED_PASSENGERS) out[key] = n;
  }
  const cabin = params.get('cabin');
  if (isCabin(cabin)) out.cabin = cabin;
  return out;
}

export function passengerSummary(p: { adults: number; children: number; infants: number }): string {
  const part = (n: number, one: string, many: string) => (n ? `${n} ${n === 1 ? one : many}` : null);
  return [part(p.adults, 'adult', 'adults'), part(p.children, 'child', 'children'), part(p.infants, 'infant', 'infants')]
    .filter(Boolean)
    .join(', ');
}
