import { z } from 'zod';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { MAX_POINTS_ASK } from '@/lib/loyalty/redemption';
import { paymentRail } from '@/lib/payments';
import { paymentQuoteAnswer } from '@/lib/payments/answers';
import type { PaymentQuoteResponse } from '@/lib/payments/soroban/quote-json';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';

export const dynamic = 'force-dynamic';

const body = z.object({
  payer: z.string().trim().regex(/^G[A-Z2-7]{55}$/, 'must be the paying Stellar account (G…)').optional(),
  points: z.number({ error: 'must be a number of points' }).int('must be a whole number of points').min(0, 'must be zero or more')
    .max(MAX_POINTS_ASK, 'is more points than anyone holds').optional(),
});

// What paying this booking costs, line by line: on the soroban rail with the terms a wallet
// signs (the escrow's `pay_quoted`, signed by the server for the paying account `payer`); on a
// rail that takes the money itself, nothing to sign — pay with POST /payments. `points` asks
// loyalty points to pay part of the fare (a discount line) where the rail takes them. On the
// soroban rail a quote without `payer` only previews what points would do (nothing signed or
// held); a signed quote with points holds them until it is paid or expires. Asking again gives a
// fresh quote.
export const POST = handler({ name: 'bookings.payment-quote', auth: 'signed-in', params: pnrParams, body, response: paymentQuoteAnswer }, async ({ viewer, params, body }) => {
  const rail = paymentRail();
  const { terms, ...quote } = await rail.quote(viewer, params.pnr, { payer: body.payer, points: body.points });
  return Response.json({ data: { ...quote, ...terms } as PaymentQuoteResponse }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
