import type { Database } from '@/lib/db/port';
import { defineConsumer } from '@/lib/events/consumer';

// Traqora Rewards earns from booking events: paid → pending points, completed → active,
// cancelled (paid) → reversed in proportion to the refund. The whole effect is one database
// function that reads the event from the outbox by id and is idempotent per event and per
// booking, so a re-delivery (at least once) earns nothing twice. booking.refunded is not
// consumed: booking.cancelled carries the same cancellation.
export const LOYALTY_EVENT_TYPES = ['booking.paid', 'booking.completed', 'booking.cancelled'] as const;

/** The consumer, over the database `database()` opens (the app's, or a test's). */
export function loyaltyConsumer(database: () => Promise<Database>) {
  return defineConsumer({
    name: 'loyalty',
    types: LOYALTY_EVENT_TYPES,
    maxAttempts: 8,
    backoffSeconds: 5,
    async handle(event) {
      await (await database()).call('loyalty_handle_event', { event_id: event.id });
    },
  });
}
