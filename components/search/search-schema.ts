import { CABIN_CODES, isCabin, type Cabin } from '@/lib/flights/cabins';
import { addDays, readableDate } from './days';

// The flight search form's rules and the /search URL it produces. Pure, so it can be unit-tested.
//
// Plain checks rather than a zod schema: they run in the browser on the home and search pages,
// whose first load has a budget (scripts/page-budget.mts) that zod's core alone would take a
// sixth of. The API validates the same query again with its own zod schema
// (lib/flights/search-schema.ts); this only gives the traveller the answer before asking.

/** The seeded schedule covers this many days from today, today included (the server's SCHEDULE_DAYS default). */
export const DEFAULT_WINDOW_DAYS = 120;
export const MAX_SEATED_PASSENGERS = 9;

const IATA = /^[A-Z]{3}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Dates are calendar days (yyyy-MM-dd); string order is date order, so plain comparisons work. */
export function searchWindow(today: string, days = DEFAULT_WINDOW_DAYS): { min: string; max: string } {
  return { min: today, max: addDays(today, days - 1) };
}

export interface FlightSearch {
  tripType: 'one_way' | 'return';
  from: string;
  to: string;
  date: string;
  /** '' on a one-way trip. */
  returnDate: string;
  adults: number;
  children: number;
  infants: number;
  cabin: Cabin;
}
/** What the form holds; the same shape as a valid search. */
export type FlightSearchInput = FlightSearch;
export type SearchField = keyof FlightSearch;
export type SearchCheck = { success: true; data: FlightSearch } | { success: false; errors: Partial<Record<SearchField, string>> };

const count = (n: unknown, min: number, max: number) => Number.isInteger(n) && (n as number) >= min && (n as number) <= max;

/** The search's rules, each failure reported once on the field the traveller should change (the first rule wins). */
export function checkSearch(v: FlightSearchInput, today: string, days = DEFAULT_WINDOW_DAYS): SearchCheck {
  const { min, max } = searchWindow(today, days);
  const errors: Partial<Record<SearchField, string>> = {};
  const fail = (field: SearchField, message: string) => { errors[field] ??= message; };
  const inWindow = (field: 'date' | 'returnDate', value: string) => {
    if (value < min) fail(field, 'This date has passed');
    else if (value > max) fail(field, `Flights are scheduled up to ${readableDate(max)}`);
  };

  if (v.tripType !== 'one_way' && v.tripType !== 'return') fail('tripType', 'Choose one-way or return');
  if (!IATA.test(v.from)) fail('from', 'Choose where you are flying from');
  if (!IATA.test(v.to)) fail('to', 'Choose where you are flying to');
  else if (v.from === v.to) fail('to', 'Choose a destination different from the origin');
  if (!ISO_DAY.test(v.date)) fail('date', 'Choose a departure date');
  else inWindow('date', v.date);
  if (v.tripType === 'return') {
    if (!ISO_DAY.test(v.returnDate)) fail('returnDate', 'Choose a return date');
    else if (ISO_DAY.test(v.date) && v.returnDate < v.date) fail('returnDate', 'Return can’t be before departure');
    else inWindow('returnDate', v.returnDate);
  }
  if (!count(v.adults, 1, MAX_SEATED_PASSENGERS)) fail('adults', 'At least one adult');
  if (!count(v.children, 0, MAX_SEATED_PASSENGERS - 1)) fail('children', `At most ${MAX_SEATED_PASSENGERS - 1} children`);
  if (!count(v.infants, 0, MAX_SEATED_PASSENGERS)) fail('infants', 'Each infant needs an adult’s lap');
  if (v.adults + v.children > MAX_SEATED_PASSENGERS) fail('children', `At most ${MAX_SEATED_PASSENGERS} seated passengers per booking`);
  if (v.infants > v.adults) fail('infants', 'Each infant needs an adult’s lap');
  if (!(CABIN_CODES as readonly string[]).includes(v.cabin)) fail('cabin', 'Choose a cabin');

  if (Object.keys(errors).length) return { success: false, errors };
  return { success: true, data: v };
}

export function defaultSearch(today: string, days = DEFAULT_WINDOW_DAYS): FlightSearchInput {
  const { max } = searchWindow(today, days);
  const inWindow = (offset: number) => {
    const day = addDays(today, offset);
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
