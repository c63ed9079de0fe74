import { getBooking } from '@/lib/bookings/manage';
import { db } from '@/lib/db/connect';
import { handler } from '@/lib/http/handler';
import { HttpProblem } from '@/lib/http/problem';
import { otherMethods } from '@/lib/http/methods';
import { verifiedReceipts } from '@/lib/payments/answers';
import { bookingChainView, type IndexedEvent } from '@/lib/payments/soroban/booking-chain';
import { verifyReceipts } from '@/lib/payments/soroban/receipts';
import { chainConfig } from '@/lib/stellar/chain-config';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';

export const dynamic = 'force-dynamic';

// The booking's soulbound receipts, verified on chain now: each indexed receipt read from the
// receipts contract (get_receipt) and checked with verify_receipt, both simulated. The owner (or
// an admin) only. 409 when this server knows no receipts contract.
export const GET = handler({ name: 'bookings.receipts', auth: 'signed-in', params: pnrParams, response: verifiedReceipts }, async ({ viewer, params }) => {
  const booking = await getBooking(viewer, params.pnr);
  const chain = chainConfig();
  const contractId = chain.configured ? chain.contractId('receipts') : undefined;
  if (!chain.configured || !contractId) throw new HttpProblem(409, 'This server does not read a receipts contract.', [{ field: 'pnr', message: 'has no on-chain receipts here' }]);
  const indexed = await (await db()).call<{ pnr: string; segments: { seq: number; booking_id: string }[]; events: IndexedEvent[] }>(
    'chain_events_for_booking', { booking_ref: booking.pnr });
  const view = bookingChainView(indexed, { status: booking.status, total_minor: booking.price.total_minor, currency: booking.price.currency });
  const minted = view.segments.flatMap((s) => (s.receipt ? [{ seq: s.seq, token_id: s.receipt.token_id, passenger: s.receipt.passenger }] : []));
  const verified = await verifyReceipts({ rpcUrl: chain.rpcUrl, networkPassphrase: chain.networkPassphrase, contractId }, minted);
  return { data: minted.map((m, i) => ({ seq: m.seq, ...verified[i] })) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
