import { z } from 'zod';
import { dataOf, describes, pageOf, timestamp } from '@/lib/openapi/answers';
import { REFUND_KINDS, type QueuedRefundRequest, type RefundRequest } from './types';

// What the refund review queue's routes (/api/v1/admin/refunds) answer, as schemas for the
// OpenAPI document (lib/openapi/answers.ts); the SQL is routines/66_refund_review.sql.

const int = () => z.number().int();

export const refundRequest = describes<RefundRequest>()(z.object({
  id: z.string(),
  pnr: z.string(),
  booking_id: z.string(),
  booking_status: z.string(),
  kind: z.enum(REFUND_KINDS),
  refund_minor: int(),
  currency: z.string(),
  total_minor: int(),
  escrow_minor: int(),
  payment_rail: z.enum(['ledger', 'soroban']).nullable(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'denied']),
  proposed_by: z.string(),
  proposed_by_name: z.string(),
  proposed_role: z.string(),
  created_at: timestamp,
  decided_by: z.string().nullable(),
  decided_by_name: z.string().nullable(),
  decided_role: z.string().nullable(),
  decision_reason: z.string().nullable(),
  decided_at: timestamp.nullable(),
}));

/** The queue's rows carry the traveller's tier, which orders the waiting ones. */
export const queuedRefundRequest = describes<QueuedRefundRequest>()(refundRequest.extend({
  tier: z.enum(['blue', 'silver', 'gold', 'platinum']),
  refund_priority: int(),
}));

export const refundQueuePage = pageOf(queuedRefundRequest);
export const refundRequestAnswer = dataOf(refundRequest);
