import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { HttpProblem } from '@/lib/http/problem';
import { apiFlight, normalise } from './flight-data';
import type { StatusReport } from './types';

// Inbound webhooks of the flight-data provider. The provider signs `<unix seconds>.<raw body>`
// with HMAC-SHA256 under the shared secret and sends `X-FlightData-Signature: t=<unix>,v1=<hex>`
// (several v1 values while it rotates secrets). A wrong or missing signature, or a timestamp
// outside the tolerance either way, is a 401 before the body is even parsed; the event id then
// guards against a replay inside the tolerance (ingest answers `replayed`, the route a 409).

export const SIGNATURE_HEADER = 'x-flightdata-signature';

/** The header value for a body at a time: what the provider (and the tests) send. */
export function sign(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

const refuse = (detail: string) => new HttpProblem(401, detail, [{ field: SIGNATURE_HEADER, message: detail }], {}, { 'www-authenticate': 'HMAC-SHA256' });

/** Throws a 401 problem unless the header signs this exact body within the tolerance. */
export function verifySignature(opts: { secret: string; header: string | null; body: string; toleranceSeconds: number; now?: Date }): void {
  if (!opts.header) throw refuse('The webhook is not signed.');
  const parts = opts.header.split(',').map((p) => p.trim().split('=') as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const given = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => Buffer.from(v!, 'hex'));
  if (!Number.isInteger(t) || !given.length) throw refuse('The signature header is malformed.');
  const expected = Buffer.from(createHmac('sha256', opts.secret).update(`${t}.${opts.body}`).digest('hex'), 'hex');
  if (!given.some((g) => timingSafeEqual(g, expected))) throw refuse('The signature does not match the body.');
  const age = Math.abs((opts.now ?? new Date()).getTime() / 1000 - t);
  if (age > opts.toleranceSeconds) throw refuse(`The signature timestamp is ${Math.round(age)} s away from now; at most ${opts.toleranceSeconds} s is accepted.`);
}

export const webhookBody = z.object({
  id: z.string().min(1, 'must be the event id').max(200, 'at most 200 characters'),
  type: z.literal('flight.status', { error: 'must be flight.status' }),
  created_at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with an offset' }),
  flight: apiFlight,
});

/** The webhook's flight in our status model, under the provider's event id. */
export function reportFromWebhook(body: z.infer<typeof webhookBody>): StatusReport {
  const report = normalise(body.flight, body.flight.scheduled_out.slice(0, 10), body.created_at);
  return { ...report, event_id: body.id };
}
