// Shapes of flight search results, as the API returns them. Money is integer minor units.

import type { Cabin } from './cabins';

// The API's shapes name the cabin type; its one definition is beside the cabin list.
export type { Cabin };
export type FareFamily = 'basic' | 'standard' | 'flex';
export const FARE_FAMILIES: FareFamily[] = ['basic', 'standard', 'flex'];

export interface AirportRef { iata: string; name: string; city: string | null; time_zone: string; country_code: string }

export interface Segment {
  flight_id: number;
  airline: string;
  airline_name: string;
  flight_number: number;
  designator: string;
  origin: AirportRef;
  destination: AirportRef;
  departs_at: string;
  arrives_at: string;
  duration_minutes: number;
  aircraft: { code: string; name: string };
  status: string;
}

export interface FareConditions {
  refundable: boolean;
  refund_penalty_minor: number;
  changeable: boolean;
  change_penalty_minor: number;
  checked_bags: number;
  carry_on: boolean;
  seat_selection: 'paid' | 'standard' | 'any';
}

export interface Price { currency: string; base_minor: number; taxes_minor: number; total_minor: number }

/** One itinerary as the database prices it: a slice of an offer, in every fare family. */
export interface Itinerary {
  flight_ids: number[];
  departure_date: string;
  departs_at: string;
  arrives_at: string;
  duration_minutes: number;
  stops: number;
  seats_left: number;
  currency: string;
  segments: Segment[];
  fares: { family: FareFamily; name: string; conditions: FareConditions; base_minor: number; taxes_minor: number; total_minor: number; per_adult_minor: number }[];
}

export interface Slice {
  origin: AirportRef;
  destination: AirportRef;
  departs_at: string;
  arrives_at: string;
  duration_minutes: number;
  stops: number;
  segments: Segment[];
  /** Time on the ground at each connection. */
  layovers: { airport: AirportRef; minutes: number }[];
}

export interface FareOption {
  id: string;
  fare_family: FareFamily;
  name: string;
  price: Price;
  conditions: FareConditions;
}

export interface Passengers { adults: number; children: number; infants: number }

/** A bookable offer: its slices, and the fare families it is sold in (the first is the default). */
export interface Offer {
  id: string;
  expires_at: string;
  cabin: Cabin;
  passengers: Passengers;
  slices: Slice[];
  stops: number;
  total_duration_minutes: number;
  seats_left: number;
  airlines: string[];
  fare_family: FareFamily;
  price: Price;
  conditions: FareConditions;
  fare_options: FareOption[];
}

/** GET /api/v1/offers/{id}: the offer repriced now (lib/flights/reprice.ts), as the API sends it. */
export interface RepricedOffer {
  offer_id: string;
  available: boolean;
  reason?: string;
  price: Price;
  conditions: FareConditions | null;
  /** True when the current total differs from the one the offer was shown with. */
  price_changed: boolean;
  /** A fresh offer id at the current price (only when it changed): booking it is consent. */
  repriced_offer_id: string | null;
  expires_at: string;
  /** The offer's flights as segments, per slice (empty when a flight is no longer bookable). */
  slices_detail: Segment[][];
  /** Seats left in the cabin on the offer's fullest flight, now (the review page keeps it live). */
  seats_left: number;
  previous_total_minor: number;
  cabin: Cabin;
  fare_family: FareFamily;
  passengers: Passengers;
  slices: number[][];
}
