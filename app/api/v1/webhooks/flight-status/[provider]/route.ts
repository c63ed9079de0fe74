import { z } from 'zod';
import { webhookAnswer } from '@/lib/flight-status/answers';
import { receiveWebhook } from '@/lib/flight-status/inbound';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// A flight-data provider's webhook: HMAC-signed (X-FlightData-Signature), timestamp within the
// tolerance, each event id once (a replay is a 409). The signature covers the raw body, so it is
// read as text here and parsed only after it verified.
const params = z.object({ provider: z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/, 'must be a provider code') });

export const POST = handler({ name: 'webhooks.flight_status', auth: 'public', params, response: webhookAnswer }, async ({ req, params }) =>
  ({ data: await receiveWebhook(params.provider, req.headers, await req.text()) }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
