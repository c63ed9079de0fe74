import { HttpProblem } from '@/lib/http/problem';
import type { Role, RoleGrant, Viewer } from '@/lib/auth/types';

// What each console role may do: the one table. Every admin route, page and server action asks
// requirePermission() on the server; navigation asks can(). The role-matrix test derives its
// expectations from this table, so changing access is a change here and nowhere else.
//
// `operator` grants carry an airline: they count only for a request about that airline
// (requirePermission(viewer, 'flights.manage', { airline: 'BA' })).

export const PERMISSIONS = {
  'analytics.read': ['admin', 'finance'],
  'bookings.read': ['admin', 'support', 'finance'],
  'bookings.cancel': ['admin', 'support'],
  'users.read': ['admin', 'support'],
  'users.suspend': ['admin', 'support'],
  'roles.grant': ['admin'],
  'refunds.propose': ['admin', 'finance', 'support'],
  'refunds.decide': ['admin', 'finance'],
  'disputes.manage': ['admin', 'support'],
  'payouts.manage': ['admin', 'finance', 'operator'],
  'settlements.manage': ['admin', 'finance'],
  'airline.read': ['admin', 'finance', 'operator'],
  'flights.manage': ['admin', 'ops', 'operator'],
  'audit.read': ['admin'],
  'rewards.manage': ['admin', 'rewards_manager'],
  'treasury.distribute': ['admin'],
  'notifications.manage': ['admin', 'support'],
  'rate_limits.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export interface Scope {
  /** The airline the request is about; operator grants count only for their own airline. */
  airline?: string;
}

/** The grant that allows `perm` (first in the table's order), or null. */
export function grantFor(viewer: Viewer | null, perm: Permission, scope: Scope = {}): RoleGrant | null {
  if (!viewer) return null;
  const roles: readonly Role[] = PERMISSIONS[perm];
  for (const role of roles) {
    const grant = viewer.roles.find((g) => g.role === role && (g.airline === null || g.airline === scope.airline?.toUpperCase()));
    if (grant) return grant;
  }
  return null;
}

export function can(viewer: Viewer | null, perm: Permission, scope?: Scope): boolean {
  return grantFor(viewer, perm, scope) !== null;
}

/**
 * The permissions the viewer holds across the whole console (not scoped to one airline): what
 * opens /admin and which of its sidebar items show. An operator's airline-scoped grant does not
 * count here; operators work in /airline.
 */
export function consolePermissions(viewer: Viewer | null): Permission[] {
  return PERMISSION_NAMES.filter((perm) => can(viewer, perm));
}

/** Roles that hold some console-wide permission (the site navigation's "Console" audience). */
export const CONSOLE_ROLES: readonly Role[] = [...new Set(Object.values(PERMISSIONS).flat())].filter((r) => r !== 'operator');

/**
 * On the server, before anything else: 401 when nobody is signed in, 403 problem+json naming
 * the permission when the viewer lacks it. Returns the viewer and the role it acts in (the
 * audit trail records that role).
 */
export function requirePermission(viewer: Viewer | null, perm: Permission, scope?: Scope): { viewer: Viewer; role: Role } {
  if (!viewer) throw new HttpProblem(401, 'Sign in to do this.');
  const grant = grantFor(viewer, perm, scope);
  if (!grant) {
    throw new HttpProblem(403, `This needs the ${perm} permission (${PERMISSIONS[perm].join(', ')}).`, undefined, { permission: perm });
  }
  return { viewer, role: grant.role };
}
