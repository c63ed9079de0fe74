import type { Database } from '@/lib/db/port';
import type { SessionClaims } from './session-token';
import type { Viewer } from './types';

type ViewerRow = Omit<Viewer, 'source'>;

/**
 * Turns what the request proved (a Clerk user id, or our session's claims) into a Viewer.
 * Pure of Next.js so it can be tested directly; getViewer() feeds it from the request.
 */
export async function resolveViewer(
  database: Database,
  proof: { clerk?: { userId: string; name?: string; email?: string; admin: boolean }; session?: SessionClaims | null },
  policy: { devPersonas: boolean },
): Promise<Viewer | null> {
  if (proof.clerk) {
    const row = await database.call<ViewerRow>('ensure_clerk_user', {
      clerk_user_id: proof.clerk.userId, name: proof.clerk.name ?? 'Traveller',
      email: proof.clerk.email ?? null, admin: proof.clerk.admin,
    });
    return { ...row, source: 'clerk' };
  }
  const session = proof.session;
  if (!session) return null;
  // A dev-persona cookie is worthless where personas are off (production, or Clerk on).
  if (session.source === 'dev' && !policy.devPersonas) return null;
  // Null too when the session's version is no longer current (signed out everywhere, suspended).
  const row = await database.call<ViewerRow | null>('session_viewer', { user_id: session.userId, session_version: session.version });
  return row ? { ...row, source: session.source } : null;
}
