import { z } from 'zod';
import { FLIGHT_STATUSES, MAX_BULK_FLIGHTS } from './types';

// Input for the flights console, shared by the route handlers and the page's forms.

const reason = z.string().trim().min(3, 'must be 3 to 500 characters').max(500, 'must be 3 to 500 characters');
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with an offset' });

export const disruption = z.discriminatedUnion('status', [
  z.object({ status: z.literal('cancelled') }),
  z.object({ status: z.literal('delayed'), departs_at: instant, arrives_at: instant.optional() }),
], { error: 'status must be delayed or cancelled' });

export const flightId = z.coerce.number({ error: 'must be a flight id' }).int('must be a flight id').positive('must be a flight id').max(2 ** 53 - 1, 'must be a flight id');

export const disruptionBody = z.intersection(disruption, z.object({ reason }));

export const bulkBody = z.object({
  reason,
  updates: z.array(z.intersection(disruption, z.object({ flight_id: flightId })), { error: 'must be a list of flight updates' })
    .min(1, 'must hold at least one flight')
    .max(MAX_BULK_FLIGHTS, `at most ${MAX_BULK_FLIGHTS} flights per request; split the update`),
});

const code = (n: number, what: string) => z.string().trim().toUpperCase().regex(new RegExp(`^[A-Z0-9]{${n}}$`), `must be a ${n}-character ${what}`);

export const flightListQuery = z.object({
  airline: code(2, 'IATA airline code').optional(),
  status: z.enum(FLIGHT_STATUSES, { error: `must be one of ${FLIGHT_STATUSES.join(', ')}` }).optional(),
  origin: code(3, 'IATA airport code').optional(),
  destination: code(3, 'IATA airport code').optional(),
  from: instant.optional(),
  to: instant.optional(),
  q: z.string().trim().min(1).max(20, 'at most 20 characters').optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').optional(),
});

/** A disruption refund on one booking of a delayed flight (routines/65_disruptions.sql, disruption_refund). */
export const disruptionRefundBody = z.object({
  pnr: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, 'must be a 6-character booking reference'),
  refund_minor: z.coerce.number({ error: 'must be an amount in minor units' }).int('must be whole minor units').positive('must be more than 0').max(Number.MAX_SAFE_INTEGER, 'is too large'),
  reason,
});
