import 'server-only';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { repriceOffer, type Repriced } from '@/lib/flights/reprice';
import { localDay } from '@/lib/flights/time';
import { HttpProblem, isHttpProblem, zodFieldErrors } from '@/lib/http/problem';
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
 * Books an offer in two round trips: the reprice (price and flights, for the trip's rules) and
 * create_booking, which answers a retry from its idempotency record, reprices under its seat
 * locks and holds the seats in one transaction. A changed price is a 409 carrying the new price
 * and offer id (booking that one is the traveller's consent). Only when the offer cannot be
 * booked as it stands (expired, gone, repriced) is the idempotency record read first: a retry
 * of a booking that went through gets its answer, not the problem its own seats caused.
 */
export async function createBooking(viewer: Viewer, key: string, input: CreateBookingInput): Promise<{ booking: Booking; replayed?: boolean }> {
  const database = await db();
  const hash = requestHash(input);
  const replay = () => database.call<{ booking: Booking; replayed: true } | null>('idempotent_replay', { user_id: viewer.id, scope: 'booking.create', key, request_hash: hash });

  let offer: Repriced;
  try {
    offer = await repriceOffer(input.offer_id);
  } catch (err) {
    if (isHttpProblem(err) && err.status === 410) return (await replay()) ?? Promise.reject(err);
    throw err;
  }
  if (!offer.available || offer.price_changed) {
    const answered = await replay();
    if (answered) return answered;
  }
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
