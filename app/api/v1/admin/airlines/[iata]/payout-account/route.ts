import { StrKey } from '@stellar/stellar-sdk';
import { z } from 'zod';
import { db } from '@/lib/db/connect';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Where an airline's share of on-chain payments goes (soroban rail). Without one, shares go to
// the platform's clearing account (STELLAR_CLEARING_ADDRESS). Admins only.
const params = z.object({ iata: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2}$/, 'must be a 2-character IATA airline code') });
const body = z.object({
  address: z.string().trim().refine((a) => StrKey.isValidEd25519PublicKey(a) || StrKey.isValidContract(a), 'must be a Stellar account (G…) or contract (C…) address'),
});

export const PUT = handler({ name: 'admin.airline-payout.set', auth: 'admin', params, body }, async ({ params, body }) => ({
  data: await (await db()).call('set_airline_payout_account', { airline: params.iata, address: body.address }),
}));

export const DELETE = handler({ name: 'admin.airline-payout.clear', auth: 'admin', params }, async ({ params }) => {
  await (await db()).call('set_airline_payout_account', { airline: params.iata, address: null });
  return new Response(null, { status: 204 });
});

export const { GET, POST, PATCH, OPTIONS } = otherMethods('DELETE', 'PUT');
