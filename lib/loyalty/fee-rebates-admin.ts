import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor, pageQuery } from '@/lib/http/cursor';
import type { FeeRebate } from './types';

// Tier fee rebates (soroban rail) as admins see them (rewards.manage): by status with the reason a
// failed one gave up, and a retry for it (audited). The retry only re-queues: the job asks the
// chain about the rebate's last transfer before it sends another (lib/loyalty/fee-rebates.ts).

export const FEE_REBATE_STATUSES = ['pending', 'submitted', 'confirmed', 'failed'] as const;
export type FeeRebateStatus = (typeof FEE_REBATE_STATUSES)[number];

export interface AdminFeeRebate extends FeeRebate {
  member_id: string;
  attempts: number;
  error: string | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export const feeRebatesQuery = pageQuery.extend({
  status: z.enum(FEE_REBATE_STATUSES, { error: `must be one of ${FEE_REBATE_STATUSES.join(', ')}` }).optional(),
});

const cursorSchema = z.object({ c: z.iso.datetime({ offset: true }), b: z.string().regex(/^[0-9]{1,20}$/) });

export const rebateParams = z.object({ chainBookingId: z.string().regex(/^[0-9]{1,20}$/, 'must be an escrow booking id (digits)') });
export const rebateRetryBody = z.object({ reason: z.string({ error: 'is required' }).trim().min(3, 'must be 3 to 300 characters').max(300, 'must be 3 to 300 characters') });

export async function listFeeRebates(q: z.output<typeof feeRebatesQuery>) {
  const after = decodeCursor(q.cursor, cursorSchema);
  const page = await (await db()).call<{ counts: Partial<Record<FeeRebateStatus, number>>; data: AdminFeeRebate[]; next: { created_at: string; chain_booking_id: string } | null }>(
    'loyalty_fee_rebates_admin', { status: q.status ?? null, after_created_at: after?.c ?? null, after_id: after?.b ?? null, limit: q.limit });
  return { counts: page.counts, data: page.data, nextCursor: encodeCursor(page.next && { c: page.next.created_at, b: page.next.chain_booking_id }) };
}

/** Queues a failed rebate again; 409 naming chain_booking_id for any other status (a second retry). */
export async function retryFeeRebate(ctx: AuditContext, chainBookingId: string): Promise<AdminFeeRebate> {
  return (await db()).call<AdminFeeRebate>('retry_loyalty_fee_rebate', { ctx, chain_booking_id: chainBookingId });
}
