'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { permittedAction } from '@/lib/admin/action';
import { payoutAccountForm, setPayoutAccount } from '@/lib/airline/payout-account';
import { retryBody, retrySettlement, settlementId } from '@/lib/settlements/outbox';

// The money-on-chain screen's forms: retry a failed settlement (settlements.manage) and change
// an airline's payout account (payouts.manage); both audited with their reason.

const retry = permittedAction({ name: 'settlements.retry', permission: 'settlements.manage', schema: z.intersection(settlementId, retryBody) },
  async (input, { audit }) => {
    const out = await retrySettlement(audit(input.reason), input.id);
    revalidatePath('/admin/money');
    return out;
  });

const payout = permittedAction({ name: 'payouts.account', permission: 'payouts.manage', schema: payoutAccountForm, scope: (f) => ({ airline: f.iata }) },
  async (input, { audit }) => {
    const out = await setPayoutAccount(audit(input.reason), input.iata, input.intent === 'set' ? input.address! : null);
    revalidatePath('/admin/money');
    return out;
  });

export async function retrySettlementAction(prev: Awaited<ReturnType<typeof retry>> | null, form: FormData) {
  return retry(prev, form);
}

export async function setPayoutAccountAction(prev: Awaited<ReturnType<typeof payout>> | null, form: FormData) {
  return payout(prev, form);
}
