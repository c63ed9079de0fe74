import 'server-only';
import { z } from 'zod';
import { auditContext } from '@/lib/admin/audit-context';
import { decodeCursor, encodeCursor } from '@/lib/admin/cursor';
import { grantFor, requirePermission } from '@/lib/admin/permissions';
import type { Viewer } from '@/lib/auth/types';
import { db } from '@/lib/db/connect';
import { HttpProblem, toProblem } from '@/lib/http/problem';
import type { AdminFlight, BulkRowResult, Disruption, DisruptionOutcome, DisruptionRefundOutcome, FlightStatus } from './types';

// The console's flights: the schedule table and the two disruptions ops (or an airline's own
// operator) may declare. Each change is one database call (admin_set_flight_status) that locks,
// refunds, audits and emits in one transaction; here only who may act on which airline.

const flightCursor = z.object({ departs_at: z.iso.datetime({ offset: true }), id: z.number().int().positive() });

export interface FlightFilter {
  airline?: string;
  status?: FlightStatus;
  origin?: string;
  destination?: string;
  from?: string;
  to?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

/**
 * The airline a viewer's flight list is limited to: none for admin and ops; an operator sees
 * only its own airline (asking for another is a 403 naming the permission).
 */
export function flightScope(viewer: Viewer | null, requested?: string): string | undefined {
  if (grantFor(viewer, 'flights.manage')?.airline === null) return requested;
  const own = viewer?.roles.find((g) => g.role === 'operator' && g.airline)?.airline ?? undefined;
  requirePermission(viewer, 'flights.manage', { airline: requested ?? own });
  return requested ?? own;
}

export async function listFlights(filter: FlightFilter): Promise<{ data: AdminFlight[]; nextCursor: string | null }> {
  const after = decodeCursor(filter.cursor, flightCursor);
  const page = await (await db()).call<{ data: AdminFlight[]; next: z.infer<typeof flightCursor> | null }>('admin_list_flights', {
    airline: filter.airline ?? null, status: filter.status ?? null, origin: filter.origin ?? null, destination: filter.destination ?? null,
    from: filter.from ?? null, to: filter.to ?? null, q: filter.q ?? null,
    after_departs: after?.departs_at ?? null, after_id: after?.id ?? null, limit: filter.limit ?? 50,
  });
  return { data: page.data, nextCursor: encodeCursor(page.next) };
}

export async function getFlight(id: number): Promise<AdminFlight> {
  return (await db()).call<AdminFlight>('admin_get_flight', { flight_id: id });
}

interface Request {
  headers: Headers;
}

/**
 * Delays or cancels one flight for `viewer`: 404 when there is no such flight, 403 when the
 * viewer may not manage that airline's flights, else the database's outcome (audited with the
 * role the permission was granted by).
 */
export async function disruptFlight(viewer: Viewer | null, req: Request, requestId: string, flightId: number, change: Disruption, reason: string): Promise<DisruptionOutcome> {
  if (!viewer) throw new HttpProblem(401, 'Sign in to do this.');
  const flight = await getFlight(flightId);
  const acting = requirePermission(viewer, 'flights.manage', { airline: flight.airline });
  return (await db()).call<DisruptionOutcome>('admin_set_flight_status', {
    ctx: auditContext(acting, req, requestId, reason), flight_id: flightId, status: change.status,
    departs_at: change.status === 'delayed' ? change.departs_at : null,
    arrives_at: change.status === 'delayed' ? (change.arrives_at ?? null) : null,
  });
}

/**
 * Up to MAX_BULK_FLIGHTS changes, each its own transaction, in the order given: one row's
 * refusal (no such flight, another airline's, already flown) does not undo or stop the others.
 */
export async function disruptFlights(viewer: Viewer | null, req: Request, requestId: string, rows: (Disruption & { flight_id: number })[], reason: string): Promise<BulkRowResult[]> {
  flightScope(viewer);   // 401/403 up front for a caller who may manage no flight at all
  const results: BulkRowResult[] = [];
  for (const row of rows) {
    try {
      results.push({ flight_id: row.flight_id, ok: true, outcome: await disruptFlight(viewer, req, requestId, row.flight_id, row, reason) });
    } catch (err) {
      const p = toProblem(err);
      if (p.status >= 500) throw err;
      const field = p.errors?.[0]?.field;
      results.push({ flight_id: row.flight_id, ok: false, status: p.status, detail: p.detail ?? p.title, ...(field ? { field } : {}) });
    }
  }
  return results;
}

/**
 * A disruption refund on a booking of a delayed flight, for `viewer` (flights.manage for that
 * flight's airline): the database pays it at once up to the governed threshold, or files it in
 * the refund review queue above it (routines/65_disruptions.sql explains why).
 */
export async function disruptionRefund(viewer: Viewer | null, req: Request, requestId: string, flightId: number,
  body: { pnr: string; refund_minor: number; reason: string }): Promise<DisruptionRefundOutcome> {
  if (!viewer) throw new HttpProblem(401, 'Sign in to do this.');
  const flight = await getFlight(flightId);
  const acting = requirePermission(viewer, 'flights.manage', { airline: flight.airline });
  return (await db()).call<DisruptionRefundOutcome>('disruption_refund', {
    ctx: auditContext(acting, req, requestId, body.reason), flight_id: flightId, pnr: body.pnr, refund_minor: body.refund_minor,
  });
}
