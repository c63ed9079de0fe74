import { z } from 'zod';
import { REFUND_KINDS } from './types';

// Input for the refund review queue, shared by the route handlers and the page's forms.

export const proposalBody = z.object({
  pnr: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, 'must be a 6-character booking reference'),
  kind: z.enum(REFUND_KINDS, { error: `must be one of ${REFUND_KINDS.join(', ')}` }),
  refund_minor: z.coerce.number({ error: 'must be an amount in minor units' }).int('must be whole minor units').positive('must be more than 0').max(Number.MAX_SAFE_INTEGER, 'is too large'),
  reason: z.string().trim().min(3, 'must be 3 to 500 characters').max(500, 'must be 3 to 500 characters'),
});

export const decisionBody = z.object({
  decision: z.enum(['approve', 'deny'], { error: 'must be approve or deny' }),
  reason: z.string().trim().min(3, 'must be 3 to 500 characters').max(500, 'must be 3 to 500 characters').optional(),
});

export const queueQuery = z.object({
  status: z.enum(['pending', 'approved', 'denied'], { error: 'must be pending, approved or denied' }).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').optional(),
});

/** The proposal form: the amount as the person types it ("50" or "50.25", in the booking's currency). */
export const proposalForm = z.object({
  pnr: proposalBody.shape.pnr,
  kind: proposalBody.shape.kind,
  amount: z.string().trim().regex(/^\d{1,9}(\.\d{1,2})?$/, 'must be an amount such as 50 or 50.25')
    .transform((a) => Math.round(Number(a) * 100)).refine((n) => n > 0, 'must be more than 0'),
  reason: proposalBody.shape.reason,
});

export const decisionForm = z.object({
  id: z.uuid('must be a refund request id'),
  decision: decisionBody.shape.decision,
  reason: z.string().trim().max(500, 'must be 3 to 500 characters').optional().transform((r) => r || undefined)
    .refine((r) => r === undefined || r.length >= 3, 'must be 3 to 500 characters'),
});
