import type { Booking } from '@/lib/bookings/types';
import { Banner } from '@/components/ui/banner';
import { clock, dateIn } from '@/components/flights/format';

/**
 * A banner per delayed or cancelled flight of a trip, from the flights' own status (the console
 * or the flight-status feed changed it). The trip query refetches on flight.status_changed, so a
 * delay appears while the page is open.
 */
export function FlightDisruptions({ booking }: { booking: Booking }) {
  const hit = booking.segments.filter((s) => s.status === 'delayed' || s.status === 'cancelled');
  if (!hit.length) return null;
  return (
    <>
      {hit.map((s) => s.status === 'cancelled' ? (
        <Banner key={s.seq} variant="error" role="status" title={`Flight ${s.designator} is cancelled`}>
          The airline cancelled your flight from {s.origin.iata} to {s.destination.iata}. A paid booking on a cancelled flight is refunded in full.
        </Banner>
      ) : (
        <Banner key={s.seq} variant="warning" role="status" title={`Flight ${s.designator} is delayed`}>
          It now leaves {s.origin.iata} at {clock(s.departs_at, s.origin.time_zone)} on {dateIn(s.departs_at, s.origin.time_zone)} (local time) and
          arrives in {s.destination.iata} at {clock(s.arrives_at, s.destination.time_zone)}.
        </Banner>
      ))}
    </>
  );
}
