import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import type { Booking } from '@/lib/bookings/types';

/**
 * A payment rail moves a held booking's money into escrow (DESIGN.md §2). Release after the
 * flight and refunds on cancellation are settled by the same rail: on the ledger rail inside
 * the database functions that change the booking, so money and state move in one transaction.
 */
export interface LedgerRail {
  readonly name: 'ledger';
  pay(userId: string, pnr: string): Promise<{ booking: Booking; replayed?: boolean }>;
}

/**
 * The on-chain escrow: the traveller's wallet pays, so the server's part is a signed quote
 * before and a verified confirmation after (lib/payments/soroban/rail.ts).
 */
export interface SorobanRail {
  readonly name: 'soroban';
}

export type PaymentRail = LedgerRail | SorobanRail;

/**
 * Money a ledger wallet starts with the first time it pays: the ledger rail is the offline
 * rail (local mode, demos, tests), where there is no real money to bring in.
 */
export const DEMO_WALLET_FUNDING_MINOR = 1_000_000;

export const ledgerRail: LedgerRail = {
  name: 'ledger',
  async pay(userId, pnr) {
    return (await db()).call('pay_booking', { user_id: userId, pnr, demo_funding_minor: DEMO_WALLET_FUNDING_MINOR });
  },
};

export function paymentRail(): PaymentRail {
  return config().mode.paymentRail === 'soroban' ? { name: 'soroban' } : ledgerRail;
}
