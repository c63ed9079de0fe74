import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { HttpProblem } from '@/lib/http/problem';
import { ingestReports } from './ingest';
import type { IngestOutcome } from './types';
import { reportFromWebhook, SIGNATURE_HEADER, verifySignature, webhookBody } from './webhook';

/**
 * One inbound webhook of `provider`: 404 for a provider that sends none (or none configured),
 * 401 for a bad signature or a stale timestamp, 400 naming the field for a bad body, 409 for an
 * event id already received; else what became of the report.
 */
export async function receiveWebhook(provider: string, headers: Headers, raw: string): Promise<IngestOutcome> {
  const { env } = config();
  if (provider !== 'flightdata' || !env.FLIGHT_STATUS_WEBHOOK_SECRET) {
    throw new HttpProblem(404, 'This provider has no webhook here.', [{ field: 'provider', message: 'must be a provider with webhooks configured' }]);
  }
  if (raw.length > 64 * 1024) throw new HttpProblem(413, 'A webhook body is at most 64 KiB.', [{ field: 'body', message: 'is too large' }]);
  verifySignature({ secret: env.FLIGHT_STATUS_WEBHOOK_SECRET, header: headers.get(SIGNATURE_HEADER), body: raw, toleranceSeconds: env.FLIGHT_STATUS_WEBHOOK_TOLERANCE_SECONDS });
  let json: unknown;
  try { json = JSON.parse(raw); } catch { throw new HttpProblem(400, 'The body is not JSON.', [{ field: 'body', message: 'must be a JSON object' }]); }
  const parsed = webhookBody.safeParse(json);
  if (!parsed.success) {
    throw new HttpProblem(400, 'The webhook body is not a flight.status event.', parsed.error.issues.map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message })));
  }
  const [outcome] = await ingestReports(await db(), provider, [reportFromWebhook(parsed.data)]);
  if (outcome.replayed) throw new HttpProblem(409, 'This event was received already.', [{ field: 'body.id', message: 'was delivered before' }]);
  return outcome;
}
