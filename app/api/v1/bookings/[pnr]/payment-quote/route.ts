import { z } from 'zod';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem } from '@/lib/http/problem';
import { paymentRail } from '@/lib/payments';
import type { PaymentQuoteResponse } from '@/lib/payments/soroban/quote-json';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';

export const dynamic = 'force-dynamic';

const body = z.object({ payer: z.string().trim().regex(/^G[A-Z2-7]{55}$/, 'must be the paying Stellar account (G…)') });

// The terms a wallet signs to pay this booking (on the soroban rail: the escrow's `pay_quoted`,
// signed by the server for this paying account), with what the amount is made of. Asking again
// gives a fresh quote; none is stored, since a quote moves no money until a wallet signs it.
// A rail that takes the money itself has nothing to sign: pay with POST /payments (409).
export const POST = handler({ name: 'bookings.payment-quote', auth: 'signed-in', params: pnrParams, body }, async ({ viewer, params, body }) => {
  const rail = paymentRail();
  const { id, needsWalletSignature } = rail.describe();
  if (!needsWalletSignature) {
    throw new HttpProblem(409, `This deployment takes payment on the ${id} rail; pay with POST /payments.`, [{ field: 'rail', message: `is ${id}` }]);
  }
  const { terms, ...quote } = await rail.quote(viewer, params.pnr, { payer: body.payer });
  return Response.json({ data: { ...quote, ...terms } as PaymentQuoteResponse }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
