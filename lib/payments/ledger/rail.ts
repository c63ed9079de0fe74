import 'server-only';
import { z } from 'zod';
import type { Booking, WalletHistory } from '@/lib/bookings/types';
import { db } from '@/lib/db/connect';
import { MAX_POINTS_ASK, redemptionLine, redemptionQuote } from '@/lib/loyalty/redemption';
import { decodeCursor, encodeCursor, type PageQuery } from '@/lib/http/cursor';
import { HttpProblem } from '@/lib/http/problem';
import { assertLinesMatch, linesTotal, priceLines } from '@/lib/payments/quote-lines';
import type { PaymentRail, StatementEntry } from '@/lib/payments/rail';

// The ledger rail: the traveller's Traqora wallet and each booking's escrow are accounts in a
// double-entry ledger in Postgres (every posting balances). Paying, releasing and refunding are
// postings made by the booking functions in the same transaction as the booking's change, so
// nothing is ever pending and there is nothing to send afterwards.

/**
 * Money a ledger wallet starts with the first time it pays: the ledger rail is the offline
 * rail (local mode, demos, tests), where there is no real money to bring in.
 */
export const DEMO_WALLET_FUNDING_MINOR = 1_000_000;

const KIND: Record<string, StatementEntry['kind'] | undefined> = { demo_deposit: 'deposit', payment: 'payment', refund: 'refund' };

/** The traveller's ledger wallet: balance and postings, newest first (GET /wallet). */
export async function ledgerWallet(userId: string, page: PageQuery = { limit: 50 }): Promise<WalletHistory & { nextCursor: string | null }> {
  const after = decodeCursor(page.cursor, z.number().int().positive());
  const { next, ...wallet } = await (await db()).call<WalletHistory & { next: number | null }>('wallet_history', {
    user_id: userId, after_posting: after, limit: page.limit,
  });
  return { ...wallet, nextCursor: encodeCursor(next) };
}

// What POST /payments takes on this rail: nothing, or loyalty points for part of the fare.
const payRequest = z.object({
  points: z.number({ error: 'must be a number of points' }).int('must be a whole number of points').min(0, 'must be zero or more')
    .max(MAX_POINTS_ASK, 'is more points than anyone holds').optional(),
});

export const ledgerRail: PaymentRail<z.output<typeof payRequest>> = {
  describe: () => ({ id: 'ledger', custody: 'platform', needsWalletSignature: false, takesPoints: true, demoFunds: true, backgroundWork: false, explorerUrl: null }),

  async quote(viewer, pnr, { points = 0 }) {
    const booking = await (await db()).call<Booking>('get_booking', { user_id: viewer.id, pnr, admin: false });
    // The same refusals pay_booking makes, so a quote is never offered for what cannot be paid.
    if (booking.status !== 'held') throw new HttpProblem(409, `This booking is ${booking.status} and cannot be paid.`, [{ field: 'status', message: `is ${booking.status}` }]);
    if (Date.parse(booking.hold_expires_at) <= Date.now()) {
      throw new HttpProblem(409, 'The seat hold has expired; search again to book.', [{ field: 'hold_expires_at', message: 'has passed' }]);
    }
    const lines = priceLines(booking.price);
    assertLinesMatch(lines, booking.price.total_minor);
    // Points pay part of the fare here: the loyalty-liability account tops the escrow up, so
    // the quote says what they take off and the same terms are applied by pay_booking.
    const loyalty = await redemptionQuote(viewer.id, booking.price, points);
    if (loyalty.discount_minor > 0) lines.push(redemptionLine(loyalty));
    return { pnr: booking.pnr, currency: booking.price.currency, amount_minor: linesTotal(lines), lines, expires_at: booking.hold_expires_at, terms: null, loyalty };
  },

  payRequest,

  async pay(viewer, pnr, request) {
    // pay_booking answers the booking as GET /bookings/{pnr} shows it, rail fields included (the
    // pay page puts it straight into that query's cache).
    const { booking, replayed } = await (await db()).call<{ booking: Booking; replayed?: boolean }>(
      'pay_booking', { user_id: viewer.id, pnr, demo_funding_minor: DEMO_WALLET_FUNDING_MINOR, redeem_points: request?.points ?? 0 });
    return { booking, status: 'paid', replayed: replayed === true };
  },

  // Paid in the request's own transaction: nothing to confirm later.
  confirmPending: async () => ({ skipped: 'ledger rail' }),
  // Released and refunded by postings when the booking function decides: nothing to send.
  settle: async () => ({ skipped: 'ledger rail' }),

  async history(viewer) {
    const wallet = await ledgerWallet(viewer.id, { limit: 100 });
    return {
      balance: { amount_minor: wallet.balance_minor, currency: wallet.currency },
      entries: wallet.entries.map((e) => ({
        kind: KIND[e.kind] ?? 'payment', pnr: e.pnr, amount_minor: e.amount_minor, currency: e.currency,
        status: 'confirmed', tx_hash: null, note: e.memo, at: e.created_at,
      })),
    };
  },
};
