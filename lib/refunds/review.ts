import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { decodeCursor, encodeCursor } from '@/lib/admin/cursor';
import { db } from '@/lib/db/connect';
import type { QueuedRefundRequest, RefundKind, RefundRequest } from './types';

// The refund review queue: refunds outside the fare's rules are proposed by one user and
// decided by another (maker–checker). Each step is one database call that checks, pays (on
// approval, through the booking's rail), audits and emits in one transaction.

// The last row's place: its tier priority (waiting requests come highest tier first), time and id.
const queueCursor = z.object({ priority: z.number().int().min(0).max(9), created_at: z.iso.datetime({ offset: true }), id: z.uuid() });

/** Waiting requests by the traveller's tier (highest first), then newest first; decided ones newest first. */
export async function listRefundRequests(filter: { status?: RefundRequest['status']; cursor?: string; limit?: number }): Promise<{ data: QueuedRefundRequest[]; nextCursor: string | null }> {
  const after = decodeCursor(filter.cursor, queueCursor);
  const page = await (await db()).call<{ data: QueuedRefundRequest[]; next: z.infer<typeof queueCursor> | null }>('admin_list_refund_requests', {
    status: filter.status ?? null, after: (after ?? null) as never, limit: filter.limit ?? 50,
  });
  return { data: page.data, nextCursor: encodeCursor(page.next) };
}

/** ctx.reason is the proposal's reason. */
export async function proposeRefund(ctx: AuditContext, pnr: string, kind: RefundKind, refundMinor: number): Promise<RefundRequest> {
  return (await db()).call<RefundRequest>('propose_refund', { ctx, pnr, kind, refund_minor: refundMinor });
}

/** ctx.reason is the decision's reason (a denial needs one). */
export async function decideRefund(ctx: AuditContext, id: string, decision: 'approve' | 'deny'): Promise<RefundRequest> {
  return (await db()).call<RefundRequest>('decide_refund', { ctx, request_id: id, decision });
}
