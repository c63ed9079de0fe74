import { z } from 'zod';
import { calendarDate, dataOf, describes, pageOf, timestamp } from '@/lib/openapi/answers';
import { refundRequest } from '@/lib/refunds/answers';
import { FLIGHT_STATUSES, type AdminFlight, type BulkRowResult, type DisruptionOutcome, type DisruptionRefundOutcome } from './types';

// What the flights console's routes under /api/v1/admin/flights answer, as schemas for the
// OpenAPI document (lib/openapi/answers.ts); the SQL is routines/65_disruptions.sql.

const int = () => z.number().int();

export const adminFlight = describes<AdminFlight>()(z.object({
  id: int(),
  airline: z.string(),
  airline_name: z.string(),
  flight_number: int(),
  designator: z.string(),
  origin: z.string(),
  destination: z.string(),
  departure_date: calendarDate,
  origin_time_zone: z.string(),
  departs_at: timestamp,
  arrives_at: timestamp,
  status: z.enum(FLIGHT_STATUSES),
  scheduled_departs_at: timestamp,
  scheduled_arrives_at: timestamp,
  delay_minutes: int(),
  disruption_reason: z.string().nullable(),
  updated_at: timestamp,
  seats_available: int(),
  capacity: int(),
  bookings: z.object({ held: int(), paid: int(), refunded: int(), cancelled: int() }),
}));

export const disruptionOutcome = describes<DisruptionOutcome>()(z.object({
  flight: adminFlight,
  changed: z.boolean(),
  refunded: z.array(z.object({ booking_id: z.string(), pnr: z.string(), was_paid: z.boolean(), refund_minor: int(), currency: z.string() })),
  waived: z.array(z.string()),
}));

// One row of a bulk update: its outcome, or the problem that refused it (as a problem's status and detail).
const bulkRowResult = describes<BulkRowResult>()(z.union([
  z.object({ flight_id: int(), ok: z.literal(true), outcome: disruptionOutcome }),
  z.object({ flight_id: int(), ok: z.literal(false), status: int(), detail: z.string(), field: z.string().optional() }),
]));

export const disruptionRefundOutcome = describes<DisruptionRefundOutcome>()(z.object({
  outcome: z.enum(['refunded', 'review']),
  pnr: z.string(),
  refund_minor: int(),
  threshold_minor: int(),
  request: refundRequest.nullable(),
}));

export const adminFlightPage = pageOf(adminFlight);
export const disruptionAnswer = dataOf(disruptionOutcome);
export const bulkDisruptionAnswer = z.object({ data: z.array(bulkRowResult), applied: int(), refused: int() });
export const disruptionRefundAnswer = dataOf(disruptionRefundOutcome);
