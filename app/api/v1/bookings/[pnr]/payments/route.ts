import { handler, parseOptionalJsonBody } from '@/lib/http/handler';
import { idempotencyKey } from '@/lib/http/idempotency';
import { otherMethods } from '@/lib/http/methods';
import { paymentRail } from '@/lib/payments';
import { paymentAnswer } from '@/lib/payments/answers';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';

export const dynamic = 'force-dynamic';

// Pays the booking into escrow on the active rail (lib/payments/rail.ts), with the body that
// rail takes. Ledger: none, or { points } to pay part of the fare with loyalty points; paying a
// paid booking again (a retry, whatever its key) charges nothing. Soroban: { tx_hash, payer } of the transaction the wallet sent, read from RPC.
// 201 paid · 200 already paid · 202 not landed yet (ask again) · 409 refused, with the reason.
export const POST = handler({ name: 'bookings.pay', auth: 'signed-in', params: pnrParams, response: paymentAnswer }, async ({ req, viewer, params }) => {
  idempotencyKey(req.headers);
  const rail = paymentRail();
  const request = rail.payRequest ? await parseOptionalJsonBody(req, rail.payRequest) : undefined;
  const { booking, status, replayed, receipt } = await rail.pay(viewer, params.pnr, request);
  return Response.json(
    { data: booking, ...(receipt && { payment: receipt }) },
    { status: status === 'pending' ? 202 : replayed ? 200 : 201, headers: replayed ? { 'idempotent-replayed': 'true' } : {} },
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
