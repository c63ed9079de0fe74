import { z } from 'zod';
import { payBooking } from '@/lib/bookings/manage';
import { handler, parseJsonBody } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem } from '@/lib/http/problem';
import { idempotencyKey } from '@/lib/http/idempotency';
import { paymentRail } from '@/lib/payments/rail';
import { submitChainPayment } from '@/lib/payments/soroban/rail';
import { pnrParams } from '../params';

export const dynamic = 'force-dynamic';

const chainBody = z.object({
  tx_hash: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, 'must be a transaction hash (64 hex characters)'),
  payer: z.string().trim().regex(/^G[A-Z2-7]{55}$/, 'must be the paying Stellar account (G…)'),
});

// Pays the booking into escrow on the configured rail.
// Ledger: no body; paying a paid booking again (a retry, whatever its key) charges nothing.
// Soroban: { tx_hash, payer } of the transaction the wallet sent; the server reads it from RPC.
// 201 paid · 202 not on chain yet (ask again) · 409 the transaction failed, with the reason.
export const POST = handler({ name: 'bookings.pay', auth: 'signed-in', params: pnrParams }, async ({ req, viewer, params }) => {
  idempotencyKey(req.headers);
  if (paymentRail().name === 'soroban') {
    const body = await parseJsonBody(req, chainBody);
    const { booking, verdict, replayed } = await submitChainPayment(viewer.id, params.pnr, body.tx_hash, body.payer);
    if (verdict.status === 'failed') {
      throw new HttpProblem(409, verdict.reason, [{ field: 'tx_hash', message: verdict.reason }], { payment_status: 'failed' });
    }
    const status = verdict.status === 'pending' ? 202 : replayed ? 200 : 201;
    return Response.json({ data: booking, payment: { status: verdict.status, tx_hash: body.tx_hash } }, { status, headers: replayed ? { 'idempotent-replayed': 'true' } : {} });
  }
  const { booking, replayed } = await payBooking(viewer, params.pnr);
  return Response.json({ data: booking }, { status: replayed ? 200 : 201, headers: replayed ? { 'idempotent-replayed': 'true' } : {} });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
