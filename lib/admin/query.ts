import { z } from 'zod';

// The console's query parameters, shared by the API routes and the pages that keep the same
// state in their URL, so /admin/bookings?status=paid and /api/v1/admin/bookings?status=paid
// mean the same rows.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 2026-02-30 parses (as 2 March) in JS; a real day reads back the same. */
function realDay(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** A day (YYYY-MM-DD, UTC midnight) or an ISO 8601 instant, within the years PostgreSQL and JS agree on. */
export const instant = z
  .string()
  .trim()
  .refine((v) => (DAY.test(v) ? realDay(v) : z.iso.datetime({ offset: true }).safeParse(v).success), 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time')
  .transform((v) => new Date(DAY.test(v) ? `${v}T00:00:00Z` : v))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getTime() >= Date.UTC(2000, 0, 1) && d.getTime() < Date.UTC(2100, 0, 1), 'must be a real date between 2000 and 2099');

/** The end of a range: a bare day counts whole (to=2026-12-06 means up to the end of that day). */
function endOf(raw: string, d: Date): Date {
  return DAY.test(raw.trim()) ? new Date(d.getTime() + 86_400_000) : d;
}

const minor = z.coerce.number({ error: 'must be an amount in minor units' }).int('must be a whole number of minor units')
  .min(0, 'must not be negative').max(1e12, 'is too large');

export const BOOKING_STATUSES = ['held', 'paid', 'completed', 'expired', 'cancelled', 'refunded'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const bookingsQuery = z
  .object({
    status: z
      .string()
      .trim()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.enum(BOOKING_STATUSES, { error: `must be ${BOOKING_STATUSES.join(', ')} (comma-separated)` })).min(1).max(6))
      .optional(),
    from: instant.optional(),
    to: z.string().trim().optional(),
    origin: z.string().trim().regex(/^[A-Za-z]{3}$/, 'must be a 3-letter airport code').transform((v) => v.toUpperCase()).optional(),
    destination: z.string().trim().regex(/^[A-Za-z]{3}$/, 'must be a 3-letter airport code').transform((v) => v.toUpperCase()).optional(),
    airline: z.string().trim().regex(/^[A-Za-z0-9]{2}$/, 'must be a 2-character airline code').transform((v) => v.toUpperCase()).optional(),
    rail: z.enum(['ledger', 'soroban'], { error: 'must be ledger or soroban' }).optional(),
    min_total: minor.optional(),
    max_total: minor.optional(),
    q: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').optional(),
    sort: z.enum(['created_at', 'total'], { error: 'must be created_at or total' }).default('created_at'),
    dir: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('desc'),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').optional(),
  })
  .transform((q, ctx) => {
    let to: Date | undefined;
    if (q.to !== undefined) {
      const parsed = instant.safeParse(q.to);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: parsed.error.issues[0]?.message ?? 'is invalid' });
        return z.NEVER;
      }
      to = endOf(q.to, parsed.data);
    }
    if (q.from && to && to <= q.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
      return z.NEVER;
    }
    if (q.min_total !== undefined && q.max_total !== undefined && q.max_total < q.min_total) {
      ctx.addIssue({ code: 'custom', path: ['max_total'], message: 'must not be below min_total' });
      return z.NEVER;
    }
    return { ...q, to };
  });

export type BookingsQuery = z.output<typeof bookingsQuery>;

export const INTERVALS = ['day', 'week', 'month'] as const;
export type AnalyticsInterval = (typeof INTERVALS)[number];

/** The overview's range; by default the last 30 days (to = tomorrow 00:00 UTC, so today counts). */
export const analyticsQuery = z
  .object({
    from: instant.optional(),
    to: z.string().trim().optional(),
    interval: z.enum(INTERVALS, { error: 'must be day, week or month' }).default('day'),
  })
  .transform((q, ctx) => {
    let to: Date;
    if (q.to !== undefined) {
      const parsed = instant.safeParse(q.to);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: parsed.error.issues[0]?.message ?? 'is invalid' });
        return z.NEVER;
      }
      to = endOf(q.to, parsed.data);
    } else {
      const now = new Date();
      to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    }
    const from = q.from ?? new Date(to.getTime() - 30 * 86_400_000);
    if (to <= from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
      return z.NEVER;
    }
    if (to.getTime() - from.getTime() > 732 * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'the range may span at most two years' });
      return z.NEVER;
    }
    return { from, to, interval: q.interval };
  });

export type AnalyticsQuery = z.output<typeof analyticsQuery>;

/** The audit trail's filters (GET /api/v1/admin/audit, its CSV and the audit page). */
const auditInstant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
  .refine((v) => Date.parse(v) >= Date.UTC(1970, 0, 1) && Date.parse(v) < Date.UTC(10000, 0, 1), 'must be between 1970 and 9999');
export const auditQuery = z.object({
  actor: z.uuid('must be a user id').optional(),
  action: z.string().trim().regex(/^[a-z_]+(\.[a-z_]+)+$/, 'must be an action such as user.suspended').optional(),
  resource_type: z.string().trim().regex(/^[a-z_]{1,40}$/, 'must be a resource type such as user').optional(),
  resource_id: z.string().trim().min(1).max(100, 'at most 100 characters').optional(),
  from: auditInstant.optional(),
  to: auditInstant.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').optional(),
});
export type AuditQuery = z.output<typeof auditQuery>;
