import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor, pageQuery } from '@/lib/http/cursor';

// The loyalty chain mirror as admins see it (rewards.manage): every member's sync row by status,
// with what it sent, its transaction and error, and a retry for a failed one (audited).

export const CHAIN_SYNC_STATUSES = ['pending', 'submitted', 'confirmed', 'failed', 'no_wallet'] as const;
export type ChainSyncStatus = (typeof CHAIN_SYNC_STATUSES)[number];

export interface ChainSyncRow {
  member_id: string;
  version: number;
  synced_version: number;
  status: ChainSyncStatus;
  sent_version: number | null;
  address: string | null;
  points: number | null;
  tier: string | null;
  tx_hash: string | null;
  attempts: number;
  error: string | null;
  updated_at: string;
}

export const chainSyncsQuery = pageQuery.extend({
  status: z.enum(CHAIN_SYNC_STATUSES, { error: `must be one of ${CHAIN_SYNC_STATUSES.join(', ')}` }).optional(),
});

const cursorSchema = z.object({ u: z.iso.datetime({ offset: true }), m: z.uuid() });

export const memberParams = z.object({ memberId: z.uuid('must be a member id') });
export const retryBody = z.object({ reason: z.string({ error: 'is required' }).trim().min(3, 'must be 3 to 300 characters').max(300, 'must be 3 to 300 characters') });

export async function listChainSyncs(q: z.output<typeof chainSyncsQuery>) {
  const after = decodeCursor(q.cursor, cursorSchema);
  const page = await (await db()).call<{ counts: Partial<Record<ChainSyncStatus, number>>; data: ChainSyncRow[]; next: { updated_at: string; member_id: string } | null }>(
    'loyalty_chain_syncs', { status: q.status ?? null, after_updated_at: after?.u ?? null, after_member: after?.m ?? null, limit: q.limit });
  return { counts: page.counts, data: page.data, nextCursor: encodeCursor(page.next && { u: page.next.updated_at, m: page.next.member_id }) };
}

/** Queues a failed (or wallet-less) member again; 409 naming member_id for any other status. */
export async function retryChainSync(ctx: AuditContext, memberId: string): Promise<ChainSyncRow> {
  return (await db()).call<ChainSyncRow>('retry_loyalty_chain_sync', { ctx, member_id: memberId });
}
