import { z } from 'zod';
import { BOOKING_STATUSES } from '@/lib/admin/query';

// Input for the airline portal, shared by its API routes and its pages (the same query string
// means the same rows in /airline and /api/v1/admin/airlines/{iata}/bookings).

export const airlineParams = z.object({ iata: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2}$/, 'must be a 2-character IATA airline code') });

const day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .refine((v) => { const d = new Date(`${v}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '2000-01-01' && v < '2100-01-01'; },
    'must be a real date between 2000 and 2099');

/** A field left empty in the filter form (`?to=&flight=`) means no filter, as if absent. */
const dropEmpty = (v: unknown) => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '')) : v);

export const airlineBookingsQuery = z.preprocess(dropEmpty, z.object({
  status: z.enum(BOOKING_STATUSES, { error: `must be one of ${BOOKING_STATUSES.join(', ')}` }).optional(),
  from: day.optional(),
  to: day.optional(),
  flight: z.coerce.number({ error: 'must be a flight number' }).int('must be a flight number').min(1, 'must be 1 to 9999').max(9999, 'must be 1 to 9999').optional(),
  q: z.string().trim().max(40, 'at most 40 characters').optional().transform((v) => v || undefined),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: 'must be 1 to 200' }).int('must be 1 to 200').min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] }));

export type AirlineBookingsQuery = z.output<typeof airlineBookingsQuery>;
