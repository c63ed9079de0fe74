import { z } from 'zod';
import { describes, timestamp } from '@/lib/openapi/answers';
import type { ChainEventRow } from '@/lib/payments/soroban/booking-chain';
import type { SettlementMoved } from '@/lib/payments/soroban/settlement-events';
import type { Json } from '@/lib/stellar/scval-json';

// Chain values as /api/v1 answers them (the OpenAPI document's schemas; lib/openapi/answers.ts).
// Token amounts and u64 ids are decimal strings: JSON numbers cannot carry them exactly.

/**
 * A decoded contract value (scval-json.ts): any JSON, bigints already strings. Documented as any
 * value (`{}`): z.json() is recursive, and its `$ref`s into the schema's own `$defs` would not
 * resolve once the schema sits inside the OpenAPI document.
 */
export const json = z.custom<Json>().meta({ description: 'Any JSON value: a contract value decoded (integers beyond 53 bits as decimal strings, bytes as hex).' });

const decimal = z.string().regex(/^-?[0-9]+$/);
const txHash = z.string().regex(/^[0-9a-f]{64}$/);

/** What the escrow paid out in a settlement, in token base units (settlement-events.ts). */
export const settlementMoved = describes<SettlementMoved>()(z.object({
  event: z.enum(['CancellationSettled', 'PaymentReleased']),
  refund: decimal,
  to_airline: decimal,
  fee: decimal,
  to_sponsor: decimal.optional(),
}));

/** One indexed contract event (routines/80_chain_events.sql, chain_event_json). */
export const chainEvent = describes<ChainEventRow>()(z.object({
  id: z.string(),
  ledger: z.number().int(),
  closed_at: timestamp,
  contract_id: z.string(),
  contract: z.string().nullable(),
  action: z.string().nullable(),
  event: z.string().nullable(),
  topics: json,
  value: json.nullable(),
  fields: z.record(z.string(), json).nullable(),
  booking_id: decimal.nullable(),
  tx_hash: txHash,
  successful: z.boolean(),
}));
