import { z } from 'zod';
import { describes, pageOf, timestamp } from '@/lib/openapi/answers';
import type { ReconciledBooking } from './reconcile';

// What /api/v1/admin/reconciliation answers (the escrow's word on each booking next to the
// app's), as a schema for the OpenAPI document (lib/openapi/answers.ts); the rows are
// chain_reconciliation's (routines/80_chain_events.sql), the verdict lib/stellar/escrow-state.ts's.

const row = z.object({
  booking_id: z.string(),
  chain_state: z.enum(['paid', 'refund_requested', 'disputed', 'released', 'refunded', 'expired']).nullable(),
  // i128 token base units, as a decimal string
  chain_amount: z.string().nullable(),
  last_event_id: z.string().nullable(),
  last_ledger: z.number().int().nullable(),
  last_event_at: timestamp.nullable(),
  app_booking_id: z.string().nullable(),
  pnr: z.string().nullable(),
  segment_seq: z.number().int().nullable(),
  flight_id: z.number().int().nullable(),
  app_status: z.enum(['held', 'paid', 'completed', 'expired', 'cancelled', 'refunded']).nullable(),
  app_total_minor: z.number().int().nullable(),
  app_currency: z.string().nullable(),
});

export const reconciledBooking = describes<ReconciledBooking>()(z.union([
  row.extend({ ok: z.literal(true) }),
  row.extend({ ok: z.literal(false), problem: z.enum(['unknown_booking', 'status_mismatch', 'missing_on_chain']), detail: z.string() }),
]));

export const reconciliationPage = pageOf(reconciledBooking);
