import { z } from 'zod';
import { CABIN_CHOICES, CABIN_CODES } from '@/lib/flights/cabins';

// Input for price watches, shared by the API routes and the pages' forms.

const iata = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be a 3-letter IATA airport code');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real date');
const target = z.number({ error: 'must be a price in minor units (cents)' }).int('must be whole minor units (cents)')
  .min(1, 'must be positive').max(100_000_000, 'must be at most 1,000,000.00');
const dropBps = z.number({ error: 'must be basis points (1000 = 10 %)' }).int('must be whole basis points')
  .min(100, 'must be at least 100 (1 %)').max(9000, 'must be at most 9000 (90 %)');

export const createWatchBody = z.object({
  origin: iata,
  destination: iata,
  depart_date: day,
  /** The last day of a date range (a range is at most 30 days); absent: one day. */
  depart_date_to: day.optional(),
  /** Absent: one way. */
  return_date: day.optional(),
  cabin: z.enum(CABIN_CODES, { error: `must be ${CABIN_CHOICES}` }).default('economy'),
  adults: z.number({ error: 'must be a number' }).int().min(1, 'must be at least 1').max(9, 'must be at most 9').default(1),
  children: z.number({ error: 'must be a number' }).int().min(0, 'must not be negative').max(8, 'must be at most 8').default(0),
  target_minor: target.optional(),
  drop_bps: dropBps.optional(),
}).superRefine((w, ctx) => {
  if (w.origin === w.destination) ctx.addIssue({ code: 'custom', path: ['destination'], message: 'must differ from origin' });
  if (w.adults + w.children > 9) ctx.addIssue({ code: 'custom', path: ['children'], message: 'at most 9 seated passengers' });
  if (w.depart_date_to && w.depart_date_to < w.depart_date) ctx.addIssue({ code: 'custom', path: ['depart_date_to'], message: 'must not be before depart_date' });
  if (w.depart_date_to && Date.parse(w.depart_date_to) - Date.parse(w.depart_date) > 30 * 864e5) {
    ctx.addIssue({ code: 'custom', path: ['depart_date_to'], message: 'must be at most 30 days after depart_date' });
  }
  if (w.return_date && w.return_date < (w.depart_date_to ?? w.depart_date)) ctx.addIssue({ code: 'custom', path: ['return_date'], message: 'must not be before the last departure day' });
});
export type CreateWatchInput = z.output<typeof createWatchBody>;

export const updateWatchBody = z.object({
  /** null removes the target. */
  target_minor: target.nullable().optional(),
  drop_bps: dropBps.nullable().optional(),
  active: z.boolean({ error: 'must be true or false' }).optional(),
}).refine((p) => Object.keys(p).length > 0, { message: 'send target_minor, drop_bps or active', path: ['target_minor'] });
export type UpdateWatchInput = z.output<typeof updateWatchBody>;

export const watchListQuery = z.object({
  cursor: z.string().regex(/^[1-9][0-9]{0,17}$/, 'is not a cursor from this list').transform(Number).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
});

export const watchId = z.object({
  id: z.coerce.number({ error: 'must be a watch id' }).int('must be a watch id').positive('must be a watch id').max(2 ** 53 - 1, 'must be a watch id'),
});

export const routeHistoryQuery = z.object({
  from: iata,
  to: iata,
  cabin: z.enum(CABIN_CODES, { error: `must be ${CABIN_CHOICES}` }).default('economy'),
  date: day.optional(),
  days: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(7, 'must be at least 7').max(365, 'must be at most 365').default(60),
});
