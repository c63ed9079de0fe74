'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { permittedAction } from '@/lib/admin/action';
import { findJob } from '@/lib/jobs/registry';
import { runJob } from '@/lib/jobs/scheduler';
import { loyaltyChainReconcileJob } from '@/lib/loyalty/chain-reconcile-job';
import { requeueBody, requeueChainSync, requeueParams } from '@/lib/loyalty/chain-reconcile-admin';
import { memberParams, retryBody, retryChainSync } from '@/lib/loyalty/chain-sync-admin';
import { rebateParams, rebateRetryBody, retryFeeRebate } from '@/lib/loyalty/fee-rebates-admin';

// The Rewards console's chain actions (rewards.manage): retrying a failed member sync or fee
// rebate and re-queuing a member the reconciliation reported (each audited with its reason), and
// running the reconciliation now (under the job's lease, so never twice at once).
const retry = permittedAction({ name: 'loyalty.chain_sync.retry', permission: 'rewards.manage', schema: z.intersection(memberParams, retryBody) },
  async (input, { audit }) => {
    const out = await retryChainSync(audit(input.reason), input.memberId);
    revalidatePath('/admin/loyalty');
    return out;
  });

export async function retryChainSyncAction(prev: Awaited<ReturnType<typeof retry>> | null, form: FormData) {
  return retry(prev, form);
}

const requeue = permittedAction({ name: 'loyalty.chain_reconciliation.requeue', permission: 'rewards.manage', schema: z.intersection(requeueParams, requeueBody) },
  async (input, { audit }) => {
    const out = await requeueChainSync(audit(input.reason), input.run_id, input.memberId);
    revalidatePath('/admin/loyalty');
    return out;
  });

export async function requeueChainSyncAction(prev: Awaited<ReturnType<typeof requeue>> | null, form: FormData) {
  return requeue(prev, form);
}

const retryRebate = permittedAction({ name: 'loyalty.fee_rebate.retry', permission: 'rewards.manage', schema: z.intersection(rebateParams, rebateRetryBody) },
  async (input, { audit }) => {
    const out = await retryFeeRebate(audit(input.reason), input.chainBookingId);
    revalidatePath('/admin/loyalty');
    return out;
  });

export async function retryFeeRebateAction(prev: Awaited<ReturnType<typeof retryRebate>> | null, form: FormData) {
  return retryRebate(prev, form);
}

const checkNow = permittedAction({ name: 'loyalty.chain_reconciliation.run', permission: 'rewards.manage', schema: z.object({}) },
  async () => {
    const job = findJob('loyalty-chain-reconcile');
    if (!job) throw new Error('the loyalty-chain-reconcile job is not registered');
    const out = await runJob({ ...job, run: () => loyaltyChainReconcileJob('admin') });
    revalidatePath('/admin/loyalty');
    return out.result ?? { error: out.error };
  });

export async function checkChainNowAction(prev: Awaited<ReturnType<typeof checkNow>> | null, form: FormData) {
  return checkNow(prev, form);
}
