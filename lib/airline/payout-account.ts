import 'server-only';
import { StrKey } from '@stellar/stellar-sdk';
import { z } from 'zod';
import type { AuditContext } from '@/lib/admin/audit-context';
import { db } from '@/lib/db/connect';
import { airlineParams } from './schema';

// Changing where an airline is paid on chain: one audited database call
// (admin_set_airline_payout_account, routines/35_console.sql), used by the API route and the
// portal's form alike.

export const payoutAddress = z.string().trim()
  .refine((a) => StrKey.isValidEd25519PublicKey(a) || StrKey.isValidContract(a), 'must be a Stellar account (G…) or contract (C…) address');

export const payoutAccountForm = z.object({
  iata: airlineParams.shape.iata,
  intent: z.enum(['set', 'clear'], { error: 'must be set or clear' }),
  address: z.string().trim().optional(),
  reason: z.string().trim().min(3, 'must be 3 to 500 characters').max(500, 'must be 3 to 500 characters'),
}).superRefine((f, ctx) => {
  if (f.intent === 'set' && !payoutAddress.safeParse(f.address ?? '').success) {
    ctx.addIssue({ code: 'custom', path: ['address'], message: 'must be a Stellar account (G…) or contract (C…) address' });
  }
});

export async function setPayoutAccount(ctx: AuditContext, iata: string, address: string | null) {
  return (await db()).call<{ airline: string; address: string | null }>('admin_set_airline_payout_account', { ctx, airline: iata, address });
}
