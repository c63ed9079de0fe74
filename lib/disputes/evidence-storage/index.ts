import 'server-only';
import { config, type Env } from '@/lib/config';
import type { EvidenceStorage } from './port';

export type { EvidenceRef, EvidenceStorage, StoredFile } from './port';

// The evidence storage this deployment uses: EVIDENCE_STORAGE=supabase (with SUPABASE_URL and
// SUPABASE_SERVICE_ROLE_KEY) puts files in the EVIDENCE_STORAGE_BUCKET bucket; anything else keeps
// them in the database. supabase-js is loaded only when it is chosen.

const g = globalThis as unknown as { __traqoraEvidenceStorage?: Promise<EvidenceStorage> };

export function evidenceStorage(): Promise<EvidenceStorage> {
  g.__traqoraEvidenceStorage ??= evidenceStorageFor(config().env);
  return g.__traqoraEvidenceStorage;
}

export async function evidenceStorageFor(env: Pick<Env, 'EVIDENCE_STORAGE' | 'EVIDENCE_STORAGE_BUCKET' | 'SUPABASE_URL' | 'SUPABASE_SERVICE_ROLE_KEY'>, fetchImpl?: typeof fetch): Promise<EvidenceStorage> {
  if (env.EVIDENCE_STORAGE === 'supabase') {
    const { SupabaseEvidenceStorage } = await import('./supabase');
    return new SupabaseEvidenceStorage(env.SUPABASE_URL!, env.SUPABASE_SERVICE_ROLE_KEY!, env.EVIDENCE_STORAGE_BUCKET, fetchImpl);
  }
  const { PostgresEvidenceStorage } = await import('./postgres');
  return new PostgresEvidenceStorage();
}
