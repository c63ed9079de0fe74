'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { permittedAction } from '@/lib/admin/action';
import { memberParams, retryBody, retryChainSync } from '@/lib/loyalty/chain-sync-admin';

// The Rewards console's chain-sync retry (rewards.manage), audited with its reason.
const retry = permittedAction({ name: 'loyalty.chain_sync.retry', permission: 'rewards.manage', schema: z.intersection(memberParams, retryBody) },
  async (input, { audit }) => {
    const out = await retryChainSync(audit(input.reason), input.memberId);
    revalidatePath('/admin/loyalty');
    return out;
  });

export async function retryChainSyncAction(prev: Awaited<ReturnType<typeof retry>> | null, form: FormData) {
  return retry(prev, form);
}
