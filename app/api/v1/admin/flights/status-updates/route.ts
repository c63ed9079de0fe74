import { bulkDisruptionAnswer } from '@/lib/disruptions/answers';
import { disruptFlights } from '@/lib/disruptions/flights';
import { bulkBody } from '@/lib/disruptions/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Up to 50 delays or cancellations in one request, one reason; each row is applied (and
// audited) on its own and answered with its own result, so one refused row stops nothing.
export const POST = handler({ name: 'admin.flights.bulk-status', auth: 'signed-in', body: bulkBody, response: bulkDisruptionAnswer }, async ({ req, requestId, viewer, body }) => {
  const results = await disruptFlights(viewer, req, requestId, body.updates, body.reason);
  return { data: results, applied: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
