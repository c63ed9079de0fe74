import 'server-only';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { decodeCursor, encodeCursor } from '@/lib/admin/cursor';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import type { UploadedFile } from './evidence';
import { evidenceStorage, type EvidenceRef } from './evidence-storage';
import { withStoredEvidence } from './evidence-storage/placement';
import type { Dispute, DisputeRow, DisputeStatus, Split } from './types';

// Disputes for travellers and the support desk: each call is one database function that checks,
// writes, audits and emits in one transaction (supabase/routines/67_disputes.sql, 68_jury.sql).

const pageCursor = z.object({ created_at: z.iso.datetime({ offset: true }), id: z.uuid() });
type Page = { data: DisputeRow[]; next: z.infer<typeof pageCursor> | null };

export interface ListFilter { status?: DisputeStatus; pnr?: string; cursor?: string; limit?: number }

/** The traveller's own disputes (admin: false) or the support queue (admin: true). */
export async function listDisputes(userId: string, admin: boolean, filter: ListFilter) {
  const before = decodeCursor(filter.cursor, pageCursor);
  const page = await (await db()).call<Page>('list_disputes', {
    user_id: userId, admin, status: filter.status ?? null, pnr: filter.pnr ?? null,
    before_created: before?.created_at ?? null, before_id: before?.id ?? null, limit: filter.limit ?? 50,
  });
  return { data: page.data, nextCursor: encodeCursor(page.next) };
}

// Evidence bytes go where the configured storage keeps them (the row, or a Supabase Storage
// object put first): lib/disputes/evidence-storage.
export async function openDispute(userId: string, pnr: string, reason: string, files: UploadedFile[], key: string, requestHash: string): Promise<Dispute> {
  const database = await db();
  return withStoredEvidence(files,
    (stored) => database.call<Dispute>('open_dispute', { user_id: userId, pnr, reason, files: stored, idempotency_key: key, request_hash: requestHash }),
    (d) => d.replayed === true);
}

export async function addEvidence(userId: string, id: string, files: UploadedFile[]): Promise<Dispute> {
  const database = await db();
  return withStoredEvidence(files, (stored) => database.call<Dispute>('add_dispute_evidence', { user_id: userId, dispute_id: id, files: stored }));
}

/** A dispute for its traveller, a juror on it, or support (admin: true); 404 for anyone else. */
export async function getDispute(userId: string, id: string, admin: boolean): Promise<Dispute> {
  return (await db()).call<Dispute>('get_dispute', { user_id: userId, id, admin });
}

export interface EvidenceDownload extends EvidenceRef { file_name: string; content_type: string; size_bytes: number; dispute_id: string }

export async function getEvidence(userId: string, evidenceId: string, admin: boolean): Promise<EvidenceDownload> {
  return (await db()).call<EvidenceDownload>('get_dispute_evidence', { user_id: userId, evidence_id: evidenceId, admin });
}

/** One evidence file and its bytes (from the row or storage), checked against its sha256. */
export async function readEvidence(userId: string, disputeId: string, evidenceId: string, admin: boolean): Promise<{ file: EvidenceDownload; bytes: Uint8Array }> {
  const file = await getEvidence(userId, evidenceId, admin);
  if (file.dispute_id !== disputeId) throw new HttpProblem(404, 'No evidence you can see with that id.', [{ field: 'evidenceId', message: 'not found' }]);
  return { file, bytes: await (await evidenceStorage()).get(file) };
}

export async function requestEvidence(ctx: AuditContext, id: string, message: string): Promise<Dispute> {
  return (await db()).call<Dispute>('request_dispute_evidence', { ctx, id, message });
}

/** ctx.reason is the resolution's note (required). */
export async function resolveDispute(ctx: AuditContext, id: string, split: Split): Promise<Dispute> {
  return (await db()).call<Dispute>('resolve_dispute', { ctx, id, refund_minor: split.refund_minor, airline_minor: split.airline_minor, fee_minor: split.fee_minor });
}

/** Escalates to the jury (with support's proposed split as a third option, if given) and draws round 1. */
export async function escalateDispute(ctx: AuditContext, id: string, split: Split | null): Promise<Dispute> {
  const database = await db();
  await database.call('escalate_dispute', { ctx, id, refund_minor: split?.refund_minor ?? null, airline_minor: split?.airline_minor ?? null, fee_minor: split?.fee_minor ?? null });
  // a second transaction: the seed's hash was committed before the draw reads the seed
  return database.call<Dispute>('draw_jury', { dispute_id: id });
}

/** Pays the final verdict (once; a second call is 409). */
export async function executeVerdict(ctx: AuditContext | null, id: string): Promise<Dispute> {
  return (await db()).call<Dispute>('execute_dispute_verdict', { ctx: ctx ?? { actor: null, role: null, reason: null, ip: null, request_id: 'job' }, dispute_id: id });
}
