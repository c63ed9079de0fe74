import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import type { Booking } from '@/lib/bookings/types';

/**
 * A payment rail moves a held booking's money into escrow (DESIGN.md §2). Release after the
 * flight and refunds on cancellation are settled by the same rail: on the ledger rail inside
 * the database functions that change the booking, so money and state move in one transaction.
 */
export interface PaymentRail {
  readonly name: 'ledger';
  pay(userId: string, pnr: string): Promise<{ booking: Booking; replayed?: boolean }>;
}

/**
 * Money a ledger wallet starts with the first time it pays: the ledger rail is the offline
 * rail (local mode, demos, tests), where there is no real money to bring in.
 */
export const DEMO_WALLET_FUNDING_MINOR = 1_000_000;

export const ledgerRail: PaymentRail = {
  name: 'ledger',
  async pay(userId, pnr) {
    return (await db()).call('pay_booking', { user_id: userId, pnr, demo_funding_minor: DEMO_WALLET_FUNDING_MINOR });
  },
};

export function paymentRail(): PaymentRail {
  const rail = config().mode.paymentRail;
  if (rail !== 'ledger') throw new Error(`payment rail ${rail} is not available`);
  return ledgerRail;
}
