import type { Database } from '@/lib/db/port';
import type { Json } from '@/lib/db/types.gen';
import type { DomainEvent } from '@/lib/events/types';
import { kindOf, reminderDraft } from './catalogue';
import { createNotifications, itemFor } from './create';

// The trips the departure reminder knows about, kept from booking and flight events (the
// notifications domain never reads the bookings tables).
export async function trackTrips(db: Database, event: Pick<DomainEvent, 'type' | 'payload'>): Promise<void> {
  const p = event.payload;
  if (event.type === 'booking.paid') await db.call('notification_track_trip', { booking: p as Json, active: true });
  else if (event.type === 'booking.cancelled' || event.type === 'booking.expired') await db.call('notification_track_trip', { booking: p as Json, active: false });
  else if ((event.type === 'flight.status_changed' || event.type === 'flight.retimed') && typeof p.flight_id === 'number') {
    // a re-delay (flight.retimed) moves the reminder as the first delay did
    await db.call('notification_flight_moved', {
      flight_id: p.flight_id, departs_at: typeof p.departs_at === 'string' ? p.departs_at : null, cancelled: p.to_status === 'cancelled',
    });
  }
}

interface DueSegment {
  booking_id: string; seq: number; user_id: string; pnr: string; airline: string; flight_number: string;
  origin: string; destination: string; departs_at: string;
}

/** The `departure-reminders` job: one reminder per paid segment departing within `hours`. */
export async function sendDepartureReminders(db: Database, hours = 24): Promise<{ reminded: number }> {
  const kind = kindOf('departure_reminder')!;
  const due = await db.call<DueSegment[]>('due_departure_reminders', { hours, limit: 500 });
  const created = await createNotifications(db, due.map((s) => itemFor(kind, reminderDraft(s), `reminder:${s.booking_id}:${s.seq}`)));
  return { reminded: created.length };
}
