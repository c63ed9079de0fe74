import 'server-only';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { repriceOffer } from '@/lib/flights/reprice';
import { localDay } from '@/lib/flights/time';
import { HttpProblem, zodFieldErrors } from '@/lib/http/problem';
import { requestHash } from '@/lib/http/idempotency';
import { contactSchema, passengerSchema, tripRules } from './passenger-schema';
import type { Booking } from './types';

export const createBookingSchema = z.object({
  offer_id: z.string({ error: 'is required' }).min(1, 'is required').max(2000),
  passengers: z.array(passengerSchema).min(1, 'add at least one passenger').max(18, 'at most 18 passengers'),
  contact: contactSchema,
});
export type CreateBookingInput = z.output<typeof createBookingSchema>;

/**
 * Books an offer: answers a retry from its idempotency record, else reprices the offer
 * (a changed price is a 409 carrying the new price and offer id — booking that one is the
 * traveller's consent), checks the passengers against the trip, and holds the seats.
 */
export async function createBooking(viewer: Viewer, key: string, input: CreateBookingInput): Promise<{ booking: Booking; replayed?: boolean }> {
  const database = await db();
  const hash = requestHash(input);
  const replay = await database.call<{ booking: Booking; replayed: true } | null>('idempotent_replay', { user_id: viewer.id, scope: 'booking.create', key, request_hash: hash });
  if (replay) return replay;

  const offer = await repriceOffer(input.offer_id);
  if (!offer.available) throw new HttpProblem(409, offer.reason ?? 'Not enough seats are left on this offer.', [{ field: 'body.offer_id', message: 'is no longer available' }]);
  if (offer.price_changed) {
    throw new HttpProblem(409, 'The price of this offer has changed. Review the new price to continue.',
      [{ field: 'body.offer_id', message: 'price changed' }],
      { code: 'price_changed', previous_total_minor: offer.claims.total_minor, price: offer.price, repriced_offer_id: offer.repriced_offer_id });
  }

  const segments = offer.slices_detail.flat();
  const first = segments[0], last = segments[segments.length - 1];
  const trip = {
    firstDay: localDay(first.departs_at, first.origin.time_zone),
    lastDay: localDay(last.departs_at, last.origin.time_zone),
    international: segments.some((s) => s.origin.country_code !== s.destination.country_code),
    counts: offer.claims.passengers,
  };
  const checked = z.array(passengerSchema).superRefine(tripRules(trip)).safeParse(input.passengers);
  if (!checked.success) throw new HttpProblem(400, 'Some passenger details need attention.', zodFieldErrors(checked.error, 'body.passengers'));

  return database.call('create_booking', {
    user_id: viewer.id, idempotency_key: key, request_hash: hash,
    slices: offer.claims.slices, cabin: offer.claims.cabin, fare_family: offer.claims.family,
    passengers: checked.data, contact: input.contact, expected_total: offer.claims.total_minor, currency: offer.claims.currency,
  });
}
