import { z } from 'zod';
import { disruptionRefundAnswer } from '@/lib/disruptions/answers';
import { disruptionRefund } from '@/lib/disruptions/flights';
import { disruptionRefundBody, flightId } from '@/lib/disruptions/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// A disruption refund on one paid booking of a delayed flight: 201 `outcome: refunded` when it is
// at or below the governed disruption.refund_review_threshold_minor (paid now, audited), 202
// `outcome: review` above it (a refund request waits for a different finance or admin user).
// Naturally idempotent: the booking is closed, or has its one pending request (a repeat is 409).
const params = z.object({ id: flightId });

export const POST = handler({ name: 'admin.flights.refund', auth: 'signed-in', params, body: disruptionRefundBody, response: disruptionRefundAnswer }, async ({ req, requestId, viewer, params, body }) => {
  const out = await disruptionRefund(viewer, req, requestId, params.id, body);
  return Response.json({ data: out }, { status: out.outcome === 'refunded' ? 201 : 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
