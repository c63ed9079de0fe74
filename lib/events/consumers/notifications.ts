import type { Database } from '@/lib/db/port';
import { defineConsumer } from '@/lib/events/consumer';
import { NOTIFIED_EVENT_TYPES } from '@/lib/notifications/catalogue';
import { createNotifications, itemsForEvent } from '@/lib/notifications/create';
import { trackTrips } from '@/lib/notifications/trips';

// Notifications from domain events: what each event tells whom comes from the catalogue
// (lib/notifications/catalogue.ts); booking and flight events also keep the trip segments the
// departure reminder reads. Every effect is idempotent per event, so at-least-once is safe.
export function notificationsConsumer(database: () => Promise<Database>) {
  return defineConsumer({
    name: 'notifications',
    types: [...new Set([...NOTIFIED_EVENT_TYPES, 'booking.paid', 'booking.cancelled', 'booking.expired', 'flight.status_changed'])],
    maxAttempts: 8,
    backoffSeconds: 5,
    async handle(event) {
      const db = await database();
      await trackTrips(db, event);
      await createNotifications(db, itemsForEvent(event));
    },
  });
}
