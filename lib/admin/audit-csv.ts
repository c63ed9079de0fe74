import 'server-only';
import { listAudit, type AuditFilter, type AuditEntry } from './audit';
import { csvStream } from './csv';

// The audit trail as CSV, newest first, with the hashes so an exported copy can be checked
// against the chain later.

export const AUDIT_CSV_HEADER = ['id', 'at', 'actor', 'actor_name', 'actor_role', 'action', 'resource_type', 'resource_id',
  'reason', 'before', 'after', 'ip', 'request_id', 'prev_hash', 'hash'] as const;

const cells = (a: AuditEntry) => [a.id, a.at, a.actor, a.actor_name, a.actor_role, a.action, a.resource_type, a.resource_id,
  a.reason, JSON.stringify(a.before), JSON.stringify(a.after), a.ip, a.request_id, a.prev_hash, a.hash];

export function auditCsv(filter: Omit<AuditFilter, 'cursor' | 'limit'>, pageRows = 200): Promise<ReadableStream<Uint8Array>> {
  return csvStream(AUDIT_CSV_HEADER, cells, (cursor) => listAudit({ ...filter, cursor, limit: pageRows }));
}
