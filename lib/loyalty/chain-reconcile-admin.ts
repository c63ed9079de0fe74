import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor, pageQuery } from '@/lib/http/cursor';
import type { ReconciliationRun } from './chain-reconcile';
import type { ChainSyncRow, ChainSyncStatus } from './chain-sync-admin';
import type { LoyaltyTier } from './types';

// The loyalty mirror's reconciliation report as admins see it (rewards.manage): a run's members
// whose on-chain record disagrees with the engine, both sides, and a re-queue of the member's sync
// (audited) that sends the engine's state again above whatever sync_seq the chain holds.

export const MISMATCH_KINDS = ['missing', 'points', 'tier', 'chain_ahead', 'chain_behind'] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

export interface ChainMismatch {
  member_id: string;
  kinds: MismatchKind[];
  address: string;
  /** The engine's side when the run compared it, and the member's sync row then. */
  engine: { points: number; tier: LoyaltyTier; version: number; synced_version: number; sync_status: ChainSyncStatus };
  /** What the contract held (null: no record for the account). */
  chain: { points: number; tier: LoyaltyTier; sync_seq: number } | null;
  /** The member's sync row now (null if gone). */
  sync_status_now: ChainSyncStatus | null;
  requeued_at: string | null;
  requeued_by: string | null;
}

export interface ReconciliationReport {
  /** The run shown (the latest finished one unless asked), null before any run. */
  run: ReconciliationRun | null;
  /** A run in progress now, if any. */
  running: ReconciliationRun | null;
  data: ChainMismatch[];
  nextCursor: string | null;
}

export const reconciliationQuery = pageQuery.extend({
  run: z.coerce.number({ error: 'must be a run id' }).int('must be a run id').positive('must be a run id').optional(),
});

const cursorSchema = z.object({ m: z.uuid() });

export const requeueParams = z.object({ memberId: z.uuid('must be a member id') });
export const requeueBody = z.object({
  run_id: z.coerce.number({ error: 'must be the id of the run that reported the mismatch' }).int('must be a run id').positive('must be a run id'),
  reason: z.string({ error: 'is required' }).trim().min(3, 'must be 3 to 300 characters').max(300, 'must be 3 to 300 characters'),
});

export async function reconciliationReport(q: z.output<typeof reconciliationQuery>): Promise<ReconciliationReport> {
  const after = decodeCursor(q.cursor, cursorSchema);
  const page = await (await db()).call<Omit<ReconciliationReport, 'nextCursor'> & { next: { member_id: string } | null }>(
    'loyalty_chain_reconciliation', { run_id: q.run ?? null, after_member: after?.m ?? null, limit: q.limit });
  return { run: page.run, running: page.running, data: page.data, nextCursor: encodeCursor(page.next && { m: page.next.member_id }) };
}

/** Re-queues a reported member's sync; 404 naming member_id when run_id reported no mismatch for them, 409 when in flight or done before. */
export async function requeueChainSync(ctx: AuditContext, runId: number, memberId: string): Promise<ChainSyncRow> {
  return (await db()).call<ChainSyncRow>('requeue_loyalty_chain_sync', { ctx, run_id: runId, member_id: memberId });
}
