import 'server-only';
import { forbidden, unauthorized } from 'next/navigation';
import { getViewer } from '@/lib/auth/viewer';
import type { Viewer } from '@/lib/auth/types';
import { operatorAirline } from './portal';

// The check every airline portal page makes on the server: signed out is the 401 page, a viewer
// without an operator grant the 403 page. The airline is always the one the grant names: the
// portal has no way to ask about another (the API refuses it too).
export async function portalPage(): Promise<{ viewer: Viewer; airline: string }> {
  const viewer = await getViewer();
  if (!viewer) unauthorized();
  const airline = operatorAirline(viewer);
  if (!airline) forbidden();
  return { viewer, airline };
}
