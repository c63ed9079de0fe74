import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor } from './cursor';

// Reading the audit trail and checking its hash chain. Rows are written only by the database
// functions that make the audited change (traqora.audit_append), never from here.

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  resource_type: string;
  resource_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  resource_type?: string;
  resource_id?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

const auditCursor = z.object({ before_id: z.number().int().positive() });

export async function listAudit(filter: AuditFilter): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
  const after = decodeCursor(filter.cursor, auditCursor);
  const page = await (await db()).call<{ data: AuditEntry[]; next_before_id: number | null }>('list_audit_log', {
    actor: filter.actor ?? null, action: filter.action ?? null, resource_type: filter.resource_type ?? null,
    resource_id: filter.resource_id ?? null, from: filter.from ?? null, to: filter.to ?? null,
    before_id: after?.before_id ?? null, limit: filter.limit ?? 50,
  });
  return { data: page.data, nextCursor: encodeCursor(page.next_before_id ? { before_id: page.next_before_id } : null) };
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  first_broken_id: number | null;
}

export async function verifyAuditChain(): Promise<ChainVerdict> {
  return (await db()).call<ChainVerdict>('verify_audit_chain', {});
}
