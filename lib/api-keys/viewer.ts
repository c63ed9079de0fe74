import type { Viewer } from '@/lib/auth/types';
import type { Database } from '@/lib/db/port';
import type { Credential } from './credential';

type ViewerRow = Omit<Viewer, 'source'>;

/** The viewer a bearer credential stands for; null when its user is gone or suspended. */
export async function credentialViewer(database: Database, credential: Credential): Promise<Viewer | null> {
  if (credential.kind === 'api-key') {
    const row = await database.call<ViewerRow | null>('get_viewer', { user_id: credential.userId });
    return row ? { ...row, source: 'api-key' } : null;
  }
  const row = await database.call<ViewerRow | null>('viewer_for_wallet', { account: credential.account });
  return row ? { ...row, source: 'wallet' } : null;
}
