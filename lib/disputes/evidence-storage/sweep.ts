import 'server-only';
import { db } from '@/lib/db/connect';
import { evidenceStorage } from './index';
import type { EvidenceStorage } from './port';

// Removes bucket objects that no evidence row refers to: uploads whose row was never written
// and whose removal failed at the time (storage down just then, or an unknown database failure
// after which the write might have committed — placement.ts keeps those objects). Only objects
// older than the grace period are considered, so an upload whose row is being written now is
// never taken; this month's and last month's folders are read (the job runs hourly).

export const SWEEP_GRACE_MS = 60 * 60 * 1000;

export async function sweepEvidenceObjects(now = new Date(), storage?: EvidenceStorage): Promise<{ checked: number; removed: number }> {
  const store = storage ?? (await evidenceStorage());
  if (store.backend === 'postgres') return { checked: 0, removed: 0 };
  const months = [0, 1].map((back) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    return `evidence/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
  const old = (await Promise.all(months.map((m) => store.list(m)))).flat()
    .filter((o) => Date.parse(o.created_at) < now.getTime() - SWEEP_GRACE_MS)
    .map((o) => o.object);
  if (old.length === 0) return { checked: 0, removed: 0 };
  const unreferenced = await (await db()).call<string[]>('dispute_evidence_unreferenced', { objects: old });
  await store.delete(unreferenced.map((object) => ({ object })));
  return { checked: old.length, removed: unreferenced.length };
}
