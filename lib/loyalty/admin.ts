import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import { historyQuerySchema } from './account';
import type { LoyaltyHistoryRows, LoyaltySummary } from './types';

// Rewards managers' tools (permission rewards.manage): a member's standing, and manual
// adjustments — one audited database call each (supabase/routines/95_loyalty.sql).

export interface AdminMember {
  user_id: string;
  summary: LoyaltySummary;
  /** One page of ledger rows, newest first (the latest 20 unless asked otherwise). */
  history: LoyaltyHistoryRows;
}

export interface Adjustment {
  entry_id: number;
  points: number;
  /** The member's active points afterwards. */
  points_active: number;
  /** A retried request: the first one's result, nothing posted again. */
  replayed: boolean;
}

export const adjustmentSchema = z.object({
  points: z.number({ error: 'must be a number of points' }).int('must be a whole number').min(-10_000_000, 'must be at least -10,000,000')
    .max(10_000_000, 'must be at most 10,000,000').refine((n) => n !== 0, 'must not be zero'),
  reason: z.string({ error: 'is required' }).trim().min(3, 'must be 3 to 300 characters').max(300, 'must be 3 to 300 characters'),
});

/** `cursor`: the previous history page's `next_cursor` (GET /loyalty/history's format), `limit` 1–100. */
export const adminMemberQuery = historyQuerySchema.pick({ cursor: true, limit: true });

/** The member's summary and one page of their history, newest first (`history.next_cursor` pages on). */
export async function adminMember(userId: string, query: { cursor?: number; limit?: number } = {}): Promise<AdminMember> {
  return (await db()).call<AdminMember>('loyalty_admin_member', { user_id: userId, cursor: query.cursor ?? null, limit: query.limit ?? 20 });
}

export async function adjustPoints(ctx: AuditContext, userId: string, points: number, key: string): Promise<Adjustment> {
  return (await db()).call<Adjustment>('loyalty_adjust', { ctx, user_id: userId, points, key });
}
