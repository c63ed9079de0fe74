'use server';

import { revalidatePath } from 'next/cache';
import { permittedAction } from '@/lib/admin/action';
import { payoutAccountForm, setPayoutAccount } from '@/lib/airline/payout-account';

// The portal's payout-account form: payouts.manage for the airline the form names (an operator
// only for its own; admin and finance for any), audited with the reason.
const change = permittedAction({ name: 'airline.payout_account', permission: 'payouts.manage', schema: payoutAccountForm, scope: (f) => ({ airline: f.iata }) },
  async (input, { audit }) => {
    const out = await setPayoutAccount(audit(input.reason), input.iata, input.intent === 'set' ? input.address! : null);
    revalidatePath('/airline/payout-account');
    return out;
  });

export async function changePayoutAccountAction(prev: Awaited<ReturnType<typeof change>> | null, form: FormData) {
  return change(prev, form);
}
