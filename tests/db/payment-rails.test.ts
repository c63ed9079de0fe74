import { afterAll, beforeAll, vi } from 'vitest';
import type { Booking } from '@/lib/bookings/types';
import type { PaymentRail } from '@/lib/payments/rail';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { describeRailContract, type RailTraveller } from '@/tests/support/payment-rail-contract';

// The ledger rail keeps the payment-rail contract (tests/support/payment-rail-contract.ts) on
// PGlite and PostgreSQL: its escrow is the Postgres ledger, so the money it holds is the
// booking's escrow balance. The soroban rail runs the same suite against the real escrow
// contract on the devnet (tests/devnet/payment-rails.test.ts).

let t: TestDatabase;
vi.mock('@/lib/db/connect', () => ({ db: async () => t.db }));

let ledger: PaymentRail;
let manage: typeof import('@/lib/bookings/manage');

beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  ledger = (await import('@/lib/payments')).railFor('ledger');
  manage = await import('@/lib/bookings/manage');
});
afterAll(async () => {
  await t?.close();
});

const ledgerTraveller: RailTraveller = {
  // The platform takes the money itself: the client sends an empty body.
  pay: async (rail, viewer, booking) => ({ ...(await rail.pay(viewer, booking.pnr, undefined)), request: undefined }),
  async escrowHolds(viewer, booking) {
    return (await t.db.call<Booking>('get_booking', { user_id: viewer.id, pnr: booking.pnr, admin: false })).escrow_balance_minor;
  },
};

describeRailContract({ id: 'ledger', db: () => t, rail: () => ledger, traveller: ledgerTraveller, manage: () => manage });
