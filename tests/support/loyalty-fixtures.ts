import type { Booking } from '@/lib/bookings/types';
import { loyaltyConsumer } from '@/lib/events/consumers/loyalty';
import { runConsumers } from '@/lib/events/runner';
import type { Itinerary } from '@/lib/flights/types';
import type { LoyaltySummary } from '@/lib/loyalty/types';
import type { TestDatabase } from './database';
import { book } from './booking-fixtures';

// Builders for loyalty tests: a paid booking, its flight flown and released, the loyalty
// consumer run over the outbox, and the member's balances.

export async function paidBooking(t: TestDatabase, user: string, it: Itinerary, family = 'standard'): Promise<Booking> {
  const { booking } = await book(t, user, it, { family });
  await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000 });
  return booking;
}

/** Lands the itinerary's flights hours ago and runs the release job (booking.completed). */
export async function flyAndRelease(t: TestDatabase, it: Itinerary): Promise<void> {
  await t.sql("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = any($1::bigint[])", [it.flight_ids]);
  await t.db.call('release_flown_bookings', {});
}

export async function runLoyalty(t: TestDatabase, opts: { owner?: string; batchSize?: number } = {}) {
  const [run] = await runConsumers(t.db, [loyaltyConsumer(async () => t.db)], opts);
  return run;
}

export async function summary(t: TestDatabase, user: string): Promise<LoyaltySummary> {
  return t.db.call<LoyaltySummary>('loyalty_summary', { user_id: user });
}

export async function balanceMismatches(t: TestDatabase): Promise<unknown[]> {
  return (await t.db.call<{ mismatches: unknown[] }>('loyalty_balance_check')).mismatches;
}

/** Points a fare earns at the seeded rates: 5 a dollar × tier × fare family, rounded down. */
export function seededPoints(baseMinor: number, family: 'basic' | 'standard' | 'flex', tierMultiplier = 1): number {
  const familyMultiplier = { basic: 0.5, standard: 1, flex: 1.5 }[family];
  return Math.floor((baseMinor * 5 * tierMultiplier * familyMultiplier) / 100);
}
