import { z } from 'zod';
import { disruptionAnswer } from '@/lib/disruptions/answers';
import { disruptFlight } from '@/lib/disruptions/flights';
import { disruptionBody, flightId } from '@/lib/disruptions/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Delay (new times) or cancel one flight, with a reason; audited. A cancellation refunds every
// paid booking on it in full; repeating it changes nothing (`changed: false`).
const params = z.object({ id: flightId });

export const POST = handler({ name: 'admin.flights.status', auth: 'signed-in', params, body: disruptionBody, response: disruptionAnswer }, async ({ req, requestId, viewer, params, body }) => {
  const { reason, ...change } = body;
  return { data: await disruptFlight(viewer, req, requestId, params.id, change, reason) };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
