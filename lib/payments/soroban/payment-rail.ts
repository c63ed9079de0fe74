import 'server-only';
import { z } from 'zod';
import type { Booking } from '@/lib/bookings/types';
import { db } from '@/lib/db/connect';
import { decodeCursor, encodeCursor, type PageQuery } from '@/lib/http/cursor';
import { HttpProblem } from '@/lib/http/problem';
import { redemptionLine, redemptionQuote } from '@/lib/loyalty/redemption';
import { assertLinesMatch, linesTotal, priceLines } from '@/lib/payments/quote-lines';
import type { PaymentRail, StatementEntry } from '@/lib/payments/rail';
import type { ChainWalletEntry } from './history';
import type { ChainQuoteTerms } from './quote-json';
import { confirmSubmittedPayments, quoteChainPayment, railConfig, submitChainPayment } from './rail';
import { settleChainBookings } from './settle';

// The soroban rail behind the rail interface (lib/payments/rail.ts). The traveller's wallet
// pays the escrow contract with terms the server signed; the server believes only what it reads
// from RPC; releases and refunds are sent to the escrow by the server signer from an outbox.

const payRequest = z.object({
  tx_hash: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, 'must be a transaction hash (64 hex characters)'),
  payer: z.string().trim().regex(/^G[A-Z2-7]{55}$/, 'must be the paying Stellar account (G…)'),
});

/** The caller's on-chain payments and escrow refunds, newest first (GET /wallet/chain). */
const entryPosition = z.object({ created_at: z.string().max(40), kind: z.enum(['payment', 'refund']), ref: z.string().max(64) });

export async function chainWallet(userId: string, page: PageQuery = { limit: 50 }): Promise<{ data: ChainWalletEntry[]; nextCursor: string | null }> {
  const after = decodeCursor(page.cursor, entryPosition);
  const res = await (await db()).call<{ data: ChainWalletEntry[]; next: z.infer<typeof entryPosition> | null }>('chain_wallet_history', {
    user_id: userId, after_created_at: after?.created_at ?? null, after_kind: after?.kind ?? null, after_ref: after?.ref ?? null, limit: page.limit,
  });
  return { data: res.data, nextCursor: encodeCursor(res.next) };
}

const STATUS: Record<ChainWalletEntry['status'], StatementEntry['status']> = { submitted: 'pending', pending: 'pending', confirmed: 'confirmed', failed: 'failed' };

export const sorobanRail: PaymentRail<z.output<typeof payRequest>> = {
  // Points pay part of a wallet payment when the server holds the loyalty-liability account's key:
  // the escrow then takes that part from the liability account (the quote's sponsor), so the
  // airline is still paid the whole fare (docs/loyalty.md).
  describe: () => ({
    id: 'soroban', custody: 'wallet', needsWalletSignature: true, takesPoints: railConfig().loyaltyLiability !== null,
    demoFunds: false, backgroundWork: true, explorerUrl: railConfig().explorerUrl,
  }),

  async quote(viewer, pnr, { payer, points }) {
    const takesPoints = railConfig().loyaltyLiability !== null;
    if (points && !takesPoints) throw new HttpProblem(409, 'Points can’t pay part of a payment from a Stellar wallet.', [{ field: 'points', message: 'are not taken on this rail' }]);
    const booking = await (await db()).call<Booking>('get_booking', { user_id: viewer.id, pnr, admin: false });
    const lines = priceLines(booking.price);
    if (!payer) {
      if (!takesPoints) throw new HttpProblem(422, 'Name the Stellar account that will pay.', [{ field: 'payer', message: 'is required' }]);
      // The pay page's slider: what the points would take off, with nothing signed or held. The
      // wallet asks again with its account when the traveller pays; only that quote holds points.
      if (booking.status !== 'held') throw new HttpProblem(409, `This booking is ${booking.status} and cannot be paid.`, [{ field: 'status', message: `is ${booking.status}` }]);
      const loyalty = await redemptionQuote(viewer.id, booking.price, points ?? 0);
      if (loyalty.discount_minor > 0) lines.push(redemptionLine(loyalty));
      return { pnr: booking.pnr, currency: booking.price.currency, amount_minor: linesTotal(lines), lines, expires_at: booking.hold_expires_at, terms: null, loyalty };
    }
    const { pnr: ref, amount_minor, currency, expires_at, loyalty, ...terms } = await quoteChainPayment(viewer.id, pnr, payer, points ?? 0);
    if (loyalty && loyalty.discount_minor > 0) lines.push(redemptionLine(loyalty));
    assertLinesMatch(lines, amount_minor);
    return { pnr: ref, amount_minor, currency, expires_at, lines, terms: terms satisfies ChainQuoteTerms, ...(loyalty && { loyalty }) };
  },

  payRequest,

  async pay(viewer, pnr, { tx_hash, payer }) {
    const { booking, verdict, replayed } = await submitChainPayment(viewer.id, pnr, tx_hash, payer);
    if (verdict.status === 'failed') {
      throw new HttpProblem(409, verdict.reason, [{ field: 'tx_hash', message: verdict.reason }], { payment_status: 'failed' });
    }
    return {
      booking, replayed: replayed === true,
      status: verdict.status === 'confirmed' ? 'paid' : 'pending',
      receipt: { status: verdict.status, tx_hash },
    };
  },

  confirmPending: (now) => confirmSubmittedPayments(now),
  settle: () => settleChainBookings(),

  async history(viewer) {
    const { data: entries } = await chainWallet(viewer.id, { limit: 100 });
    return {
      balance: null,
      entries: entries.map((e) => ({
        kind: e.kind, pnr: e.pnr, amount_minor: e.kind === 'payment' ? -e.amount_minor : e.amount_minor, currency: e.currency,
        status: STATUS[e.status], tx_hash: e.tx_hash, note: e.error, at: e.at,
      })),
    };
  },
};
