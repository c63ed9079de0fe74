import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import type { LoyaltyHistoryRows, LoyaltySummary } from './types';

// Rewards managers' tools (permission rewards.manage): a member's standing, and manual
// adjustments — one audited database call each (supabase/routines/95_loyalty.sql).

export interface AdminMember {
  user_id: string;
  summary: LoyaltySummary;
  /** The latest 20 ledger rows, newest first. */
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

export async function adminMember(userId: string): Promise<AdminMember> {
  return (await db()).call<AdminMember>('loyalty_admin_member', { user_id: userId });
}

export async function adjustPoints(ctx: AuditContext, userId: string, points: number, key: string): Promise<Adjustment> {
  return (await db()).call<Adjustment>('loyalty_adjust', { ctx, user_id: userId, points, key });
}
