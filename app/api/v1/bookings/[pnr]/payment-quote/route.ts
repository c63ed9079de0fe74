import { z } from 'zod';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem } from '@/lib/http/problem';
import { paymentRail } from '@/lib/payments/rail';
import { quoteChainPayment } from '@/lib/payments/soroban/rail';
import { pnrParams } from '../params';

export const dynamic = 'force-dynamic';

const body = z.object({ payer: z.string().trim().regex(/^G[A-Z2-7]{55}$/, 'must be the paying Stellar account (G…)') });

// Soroban rail, step 1: the booking's payment terms for the escrow's `pay_quoted`, signed by
// the server for this paying account. Asking again gives a fresh quote; none is stored, since
// a quote moves no money until a wallet signs it — and then the chain records it.
export const POST = handler({ name: 'bookings.payment-quote', auth: 'signed-in', params: pnrParams, body }, async ({ viewer, params, body }) => {
  if (paymentRail().name !== 'soroban') {
    throw new HttpProblem(409, 'This deployment takes payment on the ledger rail; pay with POST /payments.', [{ field: 'rail', message: 'is ledger' }]);
  }
  return Response.json({ data: await quoteChainPayment(viewer.id, params.pnr, body.payer) }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
