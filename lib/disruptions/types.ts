/** A flight as the console's schedule table shows it (routines/65_disruptions.sql, admin_flight_json). */
export interface AdminFlight {
  id: number;
  airline: string;
  airline_name: string;
  flight_number: number;
  designator: string;
  origin: string;
  destination: string;
  departure_date: string;
  /** IANA zone of the origin: departure boards show local times. */
  origin_time_zone: string;
  departs_at: string;
  arrives_at: string;
  status: FlightStatus;
  scheduled_departs_at: string;
  scheduled_arrives_at: string;
  /** How far departure moved from the schedule, in minutes (0: on time). */
  delay_minutes: number;
  disruption_reason: string | null;
  updated_at: string;
  seats_available: number;
  capacity: number;
  bookings: { held: number; paid: number; refunded: number; cancelled: number };
}

export const FLIGHT_STATUSES = ['scheduled', 'delayed', 'boarding', 'departed', 'landed', 'cancelled'] as const;
export type FlightStatus = (typeof FLIGHT_STATUSES)[number];

/** What ops may set: a delay (new times) or a cancellation. */
export type Disruption = { status: 'cancelled' } | { status: 'delayed'; departs_at: string; arrives_at?: string };

export interface DisruptionOutcome {
  flight: AdminFlight;
  /** False when the flight already was so (a retry): nothing was written. */
  changed: boolean;
  /** Bookings a cancellation closed: paid ones refunded in full, holds cancelled. */
  refunded: { booking_id: string; pnr: string; was_paid: boolean; refund_minor: number; currency: string }[];
  /** Bookings a long delay gave free cancellation. */
  waived: string[];
}

/** Per-row result of a bulk update: the outcome, or the problem that refused that row. */
export type BulkRowResult =
  | { flight_id: number; ok: true; outcome: DisruptionOutcome }
  | { flight_id: number; ok: false; status: number; detail: string; field?: string };

export const MAX_BULK_FLIGHTS = 50;

/** What a disruption refund did: paid at once (at or below the governed threshold) or became a refund request. */
export interface DisruptionRefundOutcome {
  outcome: 'refunded' | 'review';
  pnr: string;
  refund_minor: number;
  threshold_minor: number;
  request: import('@/lib/refunds/types').RefundRequest | null;
}
