import { z } from 'zod';
import { calendarDate, describes, timestamp } from '@/lib/openapi/answers';
import { CABIN_CODES } from './cabins';
import type { Facets } from './filters';
import type { CalendarDay, SearchResult } from './search';
import { FARE_FAMILIES, type AirportRef, type FareConditions, type FareFamily, type FareOption, type Offer, type Passengers, type Price, type RepricedOffer, type Segment, type Slice } from './types';

// The flight shapes /api/v1 answers with (search, offers, and inside bookings), as schemas for
// the OpenAPI document (lib/openapi/answers.ts). Each `describes<T>()` keeps one equal to its type.

export const cabin = z.enum(CABIN_CODES);
export const fareFamily = describes<FareFamily>()(z.enum(FARE_FAMILIES as [FareFamily, ...FareFamily[]]));
const iata = z.string().regex(/^[A-Z0-9]{3}$/);

export const airportRef = describes<AirportRef>()(z.object({
  iata, name: z.string(), city: z.string().nullable(), time_zone: z.string(), country_code: z.string(),
}));

export const segment = describes<Segment>()(z.object({
  flight_id: z.number().int(),
  airline: z.string(),
  airline_name: z.string(),
  flight_number: z.number().int(),
  designator: z.string(),
  origin: airportRef,
  destination: airportRef,
  departs_at: timestamp,
  arrives_at: timestamp,
  duration_minutes: z.number().int(),
  aircraft: z.object({ code: z.string(), name: z.string() }),
  status: z.string(),
}));

export const fareConditions = describes<FareConditions>()(z.object({
  refundable: z.boolean(),
  refund_penalty_minor: z.number().int(),
  changeable: z.boolean(),
  change_penalty_minor: z.number().int(),
  checked_bags: z.number().int(),
  carry_on: z.boolean(),
  seat_selection: z.enum(['paid', 'standard', 'any']),
}));

export const price = describes<Price>()(z.object({
  currency: z.string(), base_minor: z.number().int(), taxes_minor: z.number().int(), total_minor: z.number().int(),
}));

export const passengers = describes<Passengers>()(z.object({ adults: z.number().int(), children: z.number().int(), infants: z.number().int() }));

export const slice = describes<Slice>()(z.object({
  origin: airportRef,
  destination: airportRef,
  departs_at: timestamp,
  arrives_at: timestamp,
  duration_minutes: z.number().int(),
  stops: z.number().int(),
  segments: z.array(segment),
  layovers: z.array(z.object({ airport: airportRef, minutes: z.number().int() })),
}));

export const fareOption = describes<FareOption>()(z.object({
  id: z.string(), fare_family: fareFamily, name: z.string(), price, conditions: fareConditions,
}));

export const offer = describes<Offer>()(z.object({
  id: z.string(),
  expires_at: timestamp,
  cabin,
  passengers,
  slices: z.array(slice),
  stops: z.number().int(),
  total_duration_minutes: z.number().int(),
  seats_left: z.number().int(),
  airlines: z.array(z.string()),
  fare_family: fareFamily,
  price,
  conditions: fareConditions,
  fare_options: z.array(fareOption),
}));

export const repricedOffer = describes<RepricedOffer>()(z.object({
  offer_id: z.string(),
  available: z.boolean(),
  reason: z.string().optional(),
  price,
  conditions: fareConditions.nullable(),
  price_changed: z.boolean(),
  repriced_offer_id: z.string().nullable(),
  expires_at: timestamp,
  slices_detail: z.array(z.array(segment)),
  seats_left: z.number().int(),
  previous_total_minor: z.number().int(),
  cabin,
  fare_family: fareFamily,
  passengers,
  slices: z.array(z.array(z.number().int())),
}));

// GET /flights/search: one page of offers, and the facets of every offer the search found
// (before filters) with how many matched. The route answers cached bytes (search-answer.ts); the
// schema is the document's, never run on that path.
export const searchFacets = describes<Facets>()(z.object({
  total: z.number().int(),
  stops: z.array(z.object({ stops: z.number().int(), count: z.number().int(), min_price_minor: z.number().int() })),
  airlines: z.array(z.object({ airline: z.string(), name: z.string(), count: z.number().int(), min_price_minor: z.number().int() })),
  price: z.object({ min_minor: z.number().int(), max_minor: z.number().int() }).nullable(),
  duration: z.object({ min_minutes: z.number().int(), max_minutes: z.number().int() }).nullable(),
}));

export const searchResult = describes<SearchResult>()(z.object({
  data: z.array(offer),
  nextCursor: z.string().nullable(),
  meta: searchFacets.extend({ matching: z.number().int(), sort: z.enum(['best', 'price', 'duration', 'departure']) }),
}));

// GET /flights/calendar: the cheapest default fare per day, three days either side.
export const calendarDay = describes<CalendarDay>()(z.object({
  date: calendarDate,
  return_date: calendarDate.optional(),
  min_price_minor: z.number().int().nullable(),
  currency: z.string(),
  offers: z.number().int(),
}));
