import type { Role } from '@/lib/auth/types';

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

/** The client address as the nearest proxy reports it (first X-Forwarded-For hop, or X-Real-IP). */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || headers.get('x-real-ip')?.trim();
  return ip && /^[0-9A-Fa-f:.]{2,64}$/.test(ip) ? ip : null;
}

export function auditContext(
  acting: { viewer: { id: string }; role: Role },
  req: { headers: Headers },
  requestId: string,
  reason?: string | null,
): AuditContext {
  return { actor: acting.viewer.id, role: acting.role, reason: reason?.trim() || null, ip: clientIp(req.headers), request_id: requestId };
}
