import { z } from 'zod';
import { cabin, fareConditions, fareFamily, price, segment } from '@/lib/flights/answers';
import { calendarDate, describes, timestamp } from '@/lib/openapi/answers';
import { settlementMoved } from '@/lib/payments/chain-answers';
import type { Booking, BookingStatus, CancellationQuote, CancellationResult, WalletHistory } from './types';

// The booking shapes /api/v1 answers with, as schemas for the OpenAPI document
// (lib/openapi/answers.ts). Each `describes<T>()` keeps one equal to its type.

export const bookingStatus = describes<BookingStatus>()(z.enum(['held', 'paid', 'completed', 'expired', 'cancelled', 'refunded']));

export const booking = describes<Booking>()(z.object({
  id: z.string(),
  pnr: z.string(),
  status: bookingStatus,
  cabin,
  fare_family: fareFamily,
  fare_family_name: z.string(),
  conditions: fareConditions,
  passenger_counts: z.object({ adults: z.number().int(), children: z.number().int(), infants: z.number().int() }),
  price,
  refund_minor: z.number().int().nullable(),
  contact: z.object({ email: z.string(), phone: z.string() }),
  hold_expires_at: timestamp,
  created_at: timestamp,
  paid_at: timestamp.nullable(),
  closed_at: timestamp.nullable(),
  departs_at: timestamp,
  arrives_at: timestamp,
  segments: z.array(segment.extend({ seq: z.number().int(), slice: z.number().int() })),
  passengers: z.array(z.object({
    seq: z.number().int(),
    type: z.enum(['adult', 'child', 'infant']),
    title: z.string().nullable(),
    given_name: z.string(),
    family_name: z.string(),
    date_of_birth: calendarDate,
    gender: z.string().nullable(),
    document: z.unknown(),
    infant_of: z.number().int().nullable(),
  })),
  timeline: z.array(z.object({ status: bookingStatus, from: bookingStatus.nullable(), note: z.string(), at: timestamp })),
  payments: z.array(z.object({ kind: z.string(), memo: z.string(), at: timestamp, amount_minor: z.number().int() })),
  escrow_balance_minor: z.number().int(),
  waivers: z.array(z.object({
    kind: z.literal('free_cancellation'), reason: z.string(), flight_id: z.number().int(), delay_minutes: z.number().int(), granted_at: timestamp,
  })).optional(),
  available_actions: z.array(z.enum(['pay', 'cancel'])),
  payment_rail: z.enum(['ledger', 'soroban']).nullable().optional(),
  chain_payments: z.array(z.object({
    tx_hash: z.string(), payer: z.string(), status: z.enum(['submitted', 'confirmed', 'failed']), error: z.string().nullable(),
    ledger: z.number().int().nullable(), closed_at: timestamp.nullable(), at: timestamp,
  })).optional(),
  chain_settlements: z.array(z.object({
    seq: z.number().int(), kind: z.enum(['release', 'cancellation']), refund_minor: z.number().int(),
    status: z.enum(['pending', 'submitted', 'confirmed', 'failed']), tx_hash: z.string().nullable(), error: z.string().nullable(),
    moved: settlementMoved.nullable(), at: timestamp,
  })).optional(),
}));

export const cancellationQuote = describes<CancellationQuote>()(z.object({
  id: z.string(),
  pnr: z.string(),
  refund_minor: z.number().int(),
  penalty_minor: z.number().int(),
  currency: z.string(),
  refund_to: z.enum(['wallet', 'none']),
  reason: z.string(),
  expires_at: timestamp,
  confirmed_at: timestamp.nullable(),
  total_paid_minor: z.number().int(),
}));

export const cancellationResult = describes<CancellationResult>()(z.object({ quote: cancellationQuote, booking }));

export const walletHistory = describes<WalletHistory>()(z.object({
  currency: z.string(),
  balance_minor: z.number().int(),
  entries: z.array(z.object({
    id: z.number().int(), kind: z.string(), memo: z.string(), amount_minor: z.number().int(), currency: z.string(), pnr: z.string().nullable(), created_at: timestamp,
  })),
}));
