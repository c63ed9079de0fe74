import type { Role } from '@/lib/auth/types';
import { clientAddress } from '@/lib/http/client-address';

/**
 * What the audit row records about the request, passed to every audited database function as
 * p_ctx. The database checks that `actor` holds `role` and writes the row itself.
 */
export type AuditContext = {
  actor: string;
  role: Role;
  reason: string | null;
  ip: string | null;
  request_id: string;
};

/**
 * The client address the audit row records: the same reading the rate limiter counts
 * (RATE_LIMIT_PROXY_HOPS from the right of X-Forwarded-For), not the first entry a client may forge.
 */
export function clientIp(headers: Headers): string | null {
  return clientAddress(headers);
}

export function auditContext(
  acting: { viewer: { id: string }; role: Role },
  req: { headers: Headers },
  requestId: string,
  reason?: string | null,
): AuditContext {
  return { actor: acting.viewer.id, role: acting.role, reason: reason?.trim() || null, ip: clientIp(req.headers), request_id: requestId };
}
