import { z } from 'zod';
import { BOOKING_STATUSES } from '@/lib/admin/query';
import { dataOf, describes, pageOf, timestamp } from '@/lib/openapi/answers';
import type { setPayoutAccount } from './payout-account';
import type { AirlineBookingRow, AirlinePayouts, PayoutAccount } from './types';

// What the airline portal's routes under /api/v1/admin/airlines/{iata} answer, as schemas for
// the OpenAPI document (lib/openapi/answers.ts); the SQL is routines/37_airline_portal.sql.

const int = () => z.number().int();
const rail = z.enum(['ledger', 'soroban']);

export const airlineBookingRow = describes<AirlineBookingRow>()(z.object({
  pnr: z.string(),
  status: z.enum(BOOKING_STATUSES),
  flight_id: int(),
  flight: z.string(),
  flight_status: z.string(),
  origin: z.string(),
  destination: z.string(),
  departs_at: timestamp,
  seq: int(),
  cabin: z.string(),
  passengers: int(),
  lead_passenger: z.string().nullable(),
  share_minor: int(),
  currency: z.string(),
  payment_rail: rail.nullable(),
  paid_at: timestamp.nullable(),
  booking_id: z.string(),
}));

export const airlinePayouts = describes<AirlinePayouts>()(z.object({
  airline: z.string(),
  held_minor: int(),
  released_minor: int(),
  pending_minor: int(),
  released: z.array(z.object({
    rail, id: int(), kind: z.string(), pnr: z.string().nullable(), amount_minor: int(), currency: z.string(), memo: z.string(),
    tx_hash: z.string().nullable(), at: timestamp,
  })),
  pending: z.array(z.object({
    id: int(), pnr: z.string(), seq: int(), kind: z.string(), status: z.string(), amount_minor: int(), currency: z.string(),
    attempts: int(), error: z.string().nullable(), at: timestamp,
  })),
}));

export const payoutAccount = describes<PayoutAccount>()(z.object({
  airline: z.string(), name: z.string(), address: z.string().nullable(), updated_at: timestamp.nullable(),
}));

/** What setting the payout account answers: the airline and its address now. */
const payoutAccountSet = describes<Awaited<ReturnType<typeof setPayoutAccount>>>()(z.object({ airline: z.string(), address: z.string().nullable() }));

export const airlineBookingPage = pageOf(airlineBookingRow);
export const airlinePayoutsPage = z.object({ data: airlinePayouts, nextCursor: z.string().nullable() });
export const payoutAccountAnswer = dataOf(payoutAccount);
export const payoutAccountSetAnswer = dataOf(payoutAccountSet);
