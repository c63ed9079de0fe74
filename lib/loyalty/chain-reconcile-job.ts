import 'server-only';
import { db } from '@/lib/db/connect';
import { reconcileLoyaltyChain } from './chain-reconcile';
import { loyaltyChainTarget } from './chain-sync-job';

// The loyalty-chain-reconcile job (and an admin's "Check now"): on wherever the chain sync is, as
// it reads the same contract. Only reads: no signer is used.

export async function loyaltyChainReconcileJob(source: 'job' | 'admin' = 'job'): Promise<Record<string, unknown>> {
  const t = loyaltyChainTarget();
  if ('skipped' in t) return { skipped: t.skipped };
  const run = await reconcileLoyaltyChain({ database: await db(), target: t.deps.target, source });
  return { run: run.id, status: run.status, checked: run.checked, in_step: run.in_step, in_flight: run.in_flight, mismatched: run.mismatched, ...(run.error ? { error: run.error } : {}) };
}
