import 'server-only';
import { db } from '@/lib/db/connect';
import type { AuditEntry, AuditFilter } from './audit';
import { csvTextStream } from './csv';

// The audit trail as CSV, newest first, with the hashes so an exported copy can be checked
// against the chain later. The database writes each page of 5,000 lines (routines/35_console.sql,
// admin_audit_csv: the list's filters and order), so the server only passes text on.

export const AUDIT_CSV_HEADER = ['id', 'at', 'actor', 'actor_name', 'actor_role', 'action', 'resource_type', 'resource_id',
  'reason', 'before', 'after', 'ip', 'request_id', 'prev_hash', 'hash'] as const;

/** A list row's cells in the CSV's order: what the database's lines must equal (tests/db/audit-csv.test.ts). */
export function auditCells(a: AuditEntry) {
  return [a.id, a.at, a.actor, a.actor_name, a.actor_role, a.action, a.resource_type, a.resource_id,
    a.reason, JSON.stringify(a.before), JSON.stringify(a.after), a.ip, a.request_id, a.prev_hash, a.hash];
}

export const AUDIT_CSV_PAGE_ROWS = 5000;

export async function auditCsvPage(filter: Omit<AuditFilter, 'limit'>, beforeId: number | null, limit = AUDIT_CSV_PAGE_ROWS) {
  return (await db()).call<{ csv: string; next_before_id: number | null }>('admin_audit_csv', {
    actor: filter.actor ?? null, action: filter.action ?? null, resource_type: filter.resource_type ?? null,
    resource_id: filter.resource_id ?? null, from: filter.from ?? null, to: filter.to ?? null, before_id: beforeId, limit,
  });
}

export function auditCsv(filter: Omit<AuditFilter, 'cursor' | 'limit'>, pageRows = AUDIT_CSV_PAGE_ROWS): Promise<ReadableStream<Uint8Array>> {
  return csvTextStream(AUDIT_CSV_HEADER, async (cursor) => {
    const page = await auditCsvPage(filter, cursor ? Number(cursor) : null, pageRows);
    return { csv: page.csv, nextCursor: page.next_before_id === null ? null : String(page.next_before_id) };
  });
}
