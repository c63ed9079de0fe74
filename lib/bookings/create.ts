import 'server-only';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { isDatabaseProblem, type Database } from '@/lib/db/port';
import type { OfferClaims } from '@/lib/flights/offer-token';
import { readOffer, repriceOffer } from '@/lib/flights/reprice';
import { tripFacts, type TripFacts } from '@/lib/flights/trip';
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
 * Books an offer. Usually one round trip: the offer id carries the trip's days and borders
 * (signed at search, lib/flights/trip.ts), so the passengers are checked here and
 * create_booking does the rest in one transaction: answers a retry from its idempotency record,
 * reprices under its seat locks, holds the seats, refuses (409) a price or seat count that
 * changed. Only then, or for an id signed without the trip's facts, is the offer repriced here
 * first (bookRepriced), which explains the refusal: a changed price is a 409 carrying the new
 * price and offer id (booking that one is the traveller's consent).
 */
export async function createBooking(viewer: Viewer, key: string, input: CreateBookingInput): Promise<{ booking: Booking; replayed?: boolean }> {
  const database = await db();
  const request = { viewer, key, input, hash: requestHash(input) };
  const replay = () => replayOf(database, request);

  let claims: OfferClaims;
  try {
    claims = readOffer(input.offer_id);
  } catch (err) {
    // An expired offer: a retry of a booking that went through still gets its answer.
    if (isHttpProblem(err) && err.status === 410) return (await replay()) ?? Promise.reject(err);
    throw err;
  }
  if (claims.trip) {
    const passengers = checkPassengers(input.passengers, claims.trip, claims);
    try {
      return await hold(database, request, claims, passengers);
    } catch (err) {
      // Seats gone or price changed since the search: nothing was written; say which, below.
      if (!(isDatabaseProblem(err) && err.status === 409)) throw err;
    }
  }
  return bookRepriced(database, request, replay);
}

interface BookingRequest { viewer: Viewer; key: string; input: CreateBookingInput; hash: string }

function replayOf(database: Database, { viewer, key, hash }: BookingRequest) {
  return database.call<{ booking: Booking; replayed: true } | null>('idempotent_replay', { user_id: viewer.id, scope: 'booking.create', key, request_hash: hash });
}

function hold(database: Database, { viewer, key, input, hash }: BookingRequest, claims: OfferClaims, passengers: CreateBookingInput['passengers']): Promise<{ booking: Booking; replayed?: boolean }> {
  return database.call('create_booking', {
    user_id: viewer.id, idempotency_key: key, request_hash: hash,
    slices: claims.slices, cabin: claims.cabin, fare_family: claims.family,
    passengers, contact: input.contact, expected_total: claims.total_minor, currency: claims.currency,
  });
}

/**
 * The passengers against the trip's rules (ages on its days, passports on international trips,
 * the mix the offer was priced for): a 400 naming each field that fails.
 */
function checkPassengers(passengers: CreateBookingInput['passengers'], trip: TripFacts, claims: OfferClaims): CreateBookingInput['passengers'] {
  const rules = { firstDay: trip.first_day, lastDay: trip.last_day, international: trip.international, counts: claims.passengers };
  const checked = z.array(passengerSchema).superRefine(tripRules(rules)).safeParse(passengers);
  if (!checked.success) throw new HttpProblem(400, 'Some passenger details need attention.', zodFieldErrors(checked.error, 'body.passengers'));
  return checked.data;
}

/**
 * The careful path, two round trips: the reprice (price and flights, for the trip's rules), then
 * create_booking. Only when the offer cannot be booked as it stands (gone, repriced) is the
 * idempotency record read first: a retry of a booking that went through gets its answer, not the
 * problem its own seats caused.
 */
async function bookRepriced(database: Database, request: BookingRequest, replay: () => ReturnType<typeof replayOf>): Promise<{ booking: Booking; replayed?: boolean }> {
  const offer = await repriceOffer(request.input.offer_id);
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
  const passengers = checkPassengers(request.input.passengers, tripFacts(offer.slices_detail.flat()), offer.claims);
  return hold(database, request, offer.claims, passengers);
}
