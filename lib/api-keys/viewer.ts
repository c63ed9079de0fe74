import type { Viewer } from '@/lib/auth/types';
import type { Database } from '@/lib/db/port';
import type { Credential } from './credential';

type ViewerRow = Omit<Viewer, 'source'>;

/** The viewer a bearer credential stands for; null when its user is gone or suspended, or its session was revoked. */
export async function credentialViewer(database: Database, credential: Credential): Promise<Viewer | null> {
  if (credential.kind === 'api-key') {
    const row = await database.call<ViewerRow | null>('get_viewer', { user_id: credential.userId });
    return row ? { ...row, source: 'api-key' } : null;
  }
  // Null too when the token's session version is no longer the user's (signed out everywhere, suspended).
  const row = await database.call<ViewerRow | null>('wallet_bearer_viewer', { account: credential.account, user_id: credential.userId, session_version: credential.version });
  return row ? { ...row, source: 'wallet' } : null;
}
