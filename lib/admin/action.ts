import 'server-only';
import { headers } from 'next/headers';
import type { z } from 'zod';
import type { Role, Viewer } from '@/lib/auth/types';
import { validatedAction } from '@/lib/http/action';
import { requestIdFrom } from '@/lib/http/request-id';
import { auditContext, type AuditContext } from './audit-context';
import { requirePermission, type Permission, type Scope } from './permissions';

/**
 * A console server action: validatedAction's auth and validation, then the permission check
 * (401 / 403 naming the permission, as problem state for useActionState), then `fn` with the
 * acting viewer, its role and the audit context of this request (IP, request id).
 */
export function permittedAction<S extends z.ZodType, T>(
  spec: { name: string; permission: Permission; schema: S; scope?: (input: z.output<S>) => Scope },
  fn: (input: z.output<S>, acting: { viewer: Viewer; role: Role; audit: (reason?: string | null) => AuditContext }) => Promise<T>,
) {
  return validatedAction({ name: spec.name, auth: 'signed-in', schema: spec.schema }, async (input, viewer) => {
    const acting = requirePermission(viewer, spec.permission, spec.scope?.(input));
    const h = await headers();
    const requestId = requestIdFrom(h);
    return fn(input, { ...acting, audit: (reason) => auditContext(acting, { headers: h }, requestId, reason) });
  });
}
