import 'server-only';
import { isDatabaseProblem } from '@/lib/db/port';
import { isHttpProblem } from '@/lib/http/problem';
import { logger } from '@/lib/log/logger';
import type { UploadedFile } from '@/lib/disputes/evidence';
import { evidenceStorage } from './index';
import type { EvidenceStorage, StoredFile } from './port';

// Stores the files, then writes the rows that refer to them, so a row never names an object that
// is not there. When the upload fails nothing is written (503); when the database refuses the
// write (a 4xx: its transaction rolled back) or answers a replay whose files are the first
// request's, the objects just put are removed again. After an unknown database failure the
// write may have committed, so the objects stay: an unreferenced object is harmless, a row
// without its object is not (the evidence-storage-sweep job removes it later: ./sweep.ts).

export async function withStoredEvidence<T>(
  files: UploadedFile[],
  write: (stored: StoredFile[]) => Promise<T>,
  isReplay: (result: T) => boolean = () => false,
  storage?: EvidenceStorage,
): Promise<T> {
  const store = storage ?? (await evidenceStorage());
  const puts = await Promise.allSettled(files.map((f) => store.put(f)));
  const stored = puts.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
  const failed = puts.find((p): p is PromiseRejectedResult => p.status === 'rejected');
  if (failed) {
    await discard(store, stored);
    throw failed.reason;
  }
  let result: T;
  try {
    result = await write(stored);
  } catch (err) {
    if (isDatabaseProblem(err) || (isHttpProblem(err) && err.status < 500)) await discard(store, stored);
    else if (store.backend !== 'postgres') logger.warn({ objects: stored.map((s) => s.object) }, 'evidence write failed after upload; objects kept');
    throw err;
  }
  if (isReplay(result)) await discard(store, stored);
  return result;
}

async function discard(store: EvidenceStorage, stored: StoredFile[]) {
  try {
    await store.delete(stored);
  } catch (err) {
    logger.warn({ objects: stored.map((s) => s.object), err: String(err) }, 'evidence objects not removed; no row refers to them');
  }
}
