import { z } from 'zod';
import { CABIN_CHOICES, CABIN_CODES } from './cabins';

// Query parameters of GET /api/v1/flights/search, validated as a serious booking site does.

const iata = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be a 3-letter IATA airport code');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real date');
const count = (min: number, max: number) => z.coerce.number({ error: 'must be a number' }).int('must be a whole number')
  .min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM');
const codes = z.string().transform((s) => s.split(',').map((x) => x.trim().toUpperCase()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[A-Z0-9]{2}$/, 'must be 2-character IATA airline codes')).max(20, 'at most 20 airlines'));
const money = z.coerce.number({ error: 'must be a number' }).int('must be whole minor units (cents)').min(0, 'must not be negative');

export const searchQuerySchema = z.object({
  from: iata,
  to: iata,
  date: day,
  return_date: day.optional(),
  adults: count(1, 9).default(1),
  children: count(0, 8).default(0),
  infants: count(0, 9).default(0),
  cabin: z.enum(CABIN_CODES, { error: `must be ${CABIN_CHOICES}` }).default('economy'),
  price_min: money.optional(),
  price_max: money.optional(),
  airlines: codes.optional(),
  exclude_airlines: codes.optional(),
  max_stops: z.coerce.number({ error: 'must be 0 or 1' }).int().min(0, 'must be 0 or 1').max(1, 'must be 0 or 1').default(1),
  max_duration: count(30, 3000).optional(),
  depart_after: clock.optional(),
  depart_before: clock.optional(),
  arrive_after: clock.optional(),
  arrive_before: clock.optional(),
  sort: z.enum(['best', 'price', 'duration', 'departure'], { error: 'must be best, price, duration or departure' }).default('best'),
  limit: count(1, 50).default(20),
  cursor: z.string().max(200, 'is not a cursor from this search').optional(),
}).superRefine((q, ctx) => {
  if (q.from === q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must differ from from' });
  if (q.infants > q.adults) ctx.addIssue({ code: 'custom', path: ['infants'], message: 'each infant needs an adult (at most one per adult)' });
  if (q.adults + q.children > 9) ctx.addIssue({ code: 'custom', path: ['children'], message: 'at most 9 seated passengers' });
  if (q.return_date && q.return_date < q.date) ctx.addIssue({ code: 'custom', path: ['return_date'], message: 'must not be before date' });
  if (q.price_min !== undefined && q.price_max !== undefined && q.price_min > q.price_max) {
    ctx.addIssue({ code: 'custom', path: ['price_max'], message: 'must not be below price_min' });
  }
  const today = new Date().toISOString().slice(0, 10);
  // Allow yesterday: the traveller's local day may still be yesterday in UTC terms.
  const yesterday = new Date(Date.now() - 864e5).toISOString().slice(0, 10);
  if (q.date < yesterday) ctx.addIssue({ code: 'custom', path: ['date'], message: `must not be in the past (today is ${today})` });
});

export type SearchQuery = z.output<typeof searchQuerySchema>;

export const calendarQuerySchema = z.object({
  from: iata,
  to: iata,
  date: day,
  /** For a return trip: each day's price is the round trip, the return shifted by the same days. */
  return_date: day.optional(),
  adults: count(1, 9).default(1),
  children: count(0, 8).default(0),
  infants: count(0, 9).default(0),
  cabin: z.enum(CABIN_CODES, { error: `must be ${CABIN_CHOICES}` }).default('economy'),
  max_stops: z.coerce.number({ error: 'must be 0 or 1' }).int().min(0, 'must be 0 or 1').max(1, 'must be 0 or 1').default(1),
}).superRefine((q, ctx) => {
  if (q.from === q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must differ from from' });
  if (q.infants > q.adults) ctx.addIssue({ code: 'custom', path: ['infants'], message: 'each infant needs an adult (at most one per adult)' });
  if (q.return_date && q.return_date < q.date) ctx.addIssue({ code: 'custom', path: ['return_date'], message: 'must not be before date' });
});

export type CalendarQuery = z.output<typeof calendarQuerySchema>;
