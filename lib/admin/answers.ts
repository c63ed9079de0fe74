import { z } from 'zod';
import type { Analytics, AnalyticsBucket } from '@/lib/admin/analytics';
import type { AuditEntry, ChainVerdict } from '@/lib/admin/audit';
import type { AdminBooking, AdminBookingRow } from '@/lib/admin/bookings';
import type { AdminUser } from '@/lib/admin/users';
import { ROLES } from '@/lib/auth/types';
import { booking, bookingStatus } from '@/lib/bookings/answers';
import type { DeliveryRow } from '@/lib/notifications/admin';
import { describes, pageOf, timestamp } from '@/lib/openapi/answers';

// What the console's own routes under /api/v1/admin answer (analytics, audit, bookings, users,
// notification deliveries), as schemas for the OpenAPI document (lib/openapi/answers.ts). Each
// `describes<T>()` keeps one equal to the type the code returns; the SQL that builds each shape
// is routines/35_console.sql, 36_admin_analytics.sql and 98_notifications.sql.

const int = () => z.number().int();

// ── Analytics ──────────────────────────────────────────────────────────────────────────────

// Counts and sums are whole minor units; rates are rounded to four places in SQL (null when
// nothing was sold to divide by).
const figures = {
  bookings: int(),
  gmv_minor: int(),
  avg_fare_minor: int().nullable(),
  cancellations: int(),
  cancellation_rate: z.number().nullable(),
  refunds_minor: int(),
  refund_rate: z.number().nullable(),
  released_minor: int(),
  escrow_minor: int(),
  escrow_ledger_minor: int(),
  escrow_onchain_minor: int(),
};

const programme = {
  loyalty_points_outstanding: int(),
  loyalty_liability_minor: int(),
  governance_proposals_closed: int(),
  governance_participation_rate: z.number().nullable(),
};

const analyticsBucket = describes<AnalyticsBucket>()(z.object({ start: timestamp, end: timestamp, ...figures }));
const periodTotals = z.object({ ...figures, ...programme });

export const analytics = describes<Analytics>()(z.object({
  currency: z.string(),
  interval: z.enum(['day', 'week', 'month']),
  from: timestamp,
  to: timestamp,
  previous_from: timestamp,
  previous_to: timestamp,
  series: z.array(analyticsBucket),
  totals: periodTotals,
  previous: periodTotals,
}));

// ── Audit ──────────────────────────────────────────────────────────────────────────────────

export const auditEntry = describes<AuditEntry>()(z.object({
  id: int(),
  at: timestamp,
  actor: z.string().nullable(),
  actor_name: z.string().nullable(),
  actor_role: z.string().nullable(),
  action: z.string(),
  resource_type: z.string(),
  resource_id: z.string(),
  // the changed resource's state before and after, as the audited function recorded it (any JSON, or null)
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  request_id: z.string().nullable(),
  prev_hash: z.string(),
  hash: z.string(),
}));

export const chainVerdict = describes<ChainVerdict>()(z.object({ ok: z.boolean(), checked: int(), first_broken_id: int().nullable() }));

// ── Users ──────────────────────────────────────────────────────────────────────────────────

export const adminUser = describes<AdminUser>()(z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.object({ role: z.enum(ROLES), airline: z.string().nullable() })),
  wallets: z.array(z.string()),
  status: z.enum(['active', 'suspended']),
  suspended_at: timestamp.nullable(),
  suspension_reason: z.string().nullable(),
  created_at: timestamp,
}));

// ── Bookings ───────────────────────────────────────────────────────────────────────────────

export const adminBookingRow = describes<AdminBookingRow>()(z.object({
  id: z.string(),
  pnr: z.string(),
  status: bookingStatus,
  created_at: timestamp,
  paid_at: timestamp.nullable(),
  closed_at: timestamp.nullable(),
  currency: z.string(),
  total_minor: int(),
  refund_minor: int().nullable(),
  payment_rail: z.enum(['ledger', 'soroban']).nullable(),
  cabin: z.string(),
  email: z.string().nullable(),
  user_id: z.string(),
  user_name: z.string(),
  passenger: z.string().nullable(),
  passengers: int(),
  origin: z.string().nullable(),
  destination: z.string().nullable(),
  departs_at: timestamp.nullable(),
  airlines: z.array(z.string()).nullable(),
  wallet: z.string().nullable(),
  tx_hash: z.string().nullable(),
}));

/** The traveller's booking (with its chain records) plus who booked it and the audit rows about it. */
export const adminBooking = describes<AdminBooking>()(booking.extend({ user: adminUser, audit: z.array(auditEntry) }));

// ── Notification deliveries ────────────────────────────────────────────────────────────────

export const deliveryRow = describes<DeliveryRow>()(z.object({
  id: int(),
  channel: z.string(),
  status: z.string(),
  attempts: int(),
  last_error: z.string().nullable(),
  next_attempt_at: timestamp,
  sent_at: timestamp.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  user_id: z.string(),
  notification_id: int(),
  type: z.string(),
  title: z.string(),
  event_id: int().nullable(),
}));

export const deliveryRetried = describes<{ id: number; status: string }>()(z.object({ id: int(), status: z.string() }));

export const auditPage = pageOf(auditEntry);
export const adminBookingPage = pageOf(adminBookingRow);
export const adminUserPage = pageOf(adminUser);
export const deliveryPage = pageOf(deliveryRow);
