import 'server-only';
import { forbidden, unauthorized } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';
import type { Role, Viewer } from '@/lib/auth/types';
import { consolePermissions, grantFor, type Permission } from './permissions';

// The server-side check every console page makes (the layout's check alone is not enough: a
// layout is not re-run on client navigation, and pages render in parallel with it). Signed out
// is a 401 page (app/unauthorized.tsx), a missing permission a 403 page (app/forbidden.tsx).

export async function consoleViewer(): Promise<{ viewer: Viewer; permissions: Permission[] }> {
  const viewer = await getViewer();
  if (!viewer) unauthorized();
  const permissions = consolePermissions(viewer);
  if (!permissions.length) forbidden();
  return { viewer, permissions };
}

export async function consolePage(perm: Permission): Promise<{ viewer: Viewer; role: Role; permissions: Permission[] }> {
  const { viewer, permissions } = await consoleViewer();
  const grant = grantFor(viewer, perm);
  if (!grant) forbidden();
  return { viewer, role: grant.role, permissions };
}
