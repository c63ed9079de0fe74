import { z } from 'zod';
import type { FeedStatus, StatusProvider, StatusReport, TrackedFlight } from './types';

// The HTTP adapter for a commercial flight-data API, shaped like the common ones (FlightAware
// AeroAPI's `GET /flights/{ident}`: an `x-apikey` header, a list of flights with scheduled,
// estimated and actual gate times, `cancelled` and `diverted` flags). The same normaliser reads
// the provider's webhooks (webhook.ts), whose payload carries one such flight.

export const apiFlight = z.object({
  fa_flight_id: z.string().min(1).max(200),
  ident_iata: z.string().regex(/^[A-Z0-9]{2}\d{1,4}$/, 'must be an IATA designator like BA117'),
  status: z.string().max(100).default(''),
  cancelled: z.boolean().default(false),
  diverted: z.boolean().default(false),
  scheduled_out: z.iso.datetime({ offset: true }),
  estimated_out: z.iso.datetime({ offset: true }).nullish(),
  actual_out: z.iso.datetime({ offset: true }).nullish(),
  scheduled_in: z.iso.datetime({ offset: true }).nullish(),
  estimated_in: z.iso.datetime({ offset: true }).nullish(),
  actual_in: z.iso.datetime({ offset: true }).nullish(),
  destination: z.object({ code_iata: z.string().regex(/^[A-Z]{3}$/) }).nullish(),
  /** The provider's time of this state; the response time when absent. */
  last_updated: z.iso.datetime({ offset: true }).nullish(),
});
export type ApiFlight = z.infer<typeof apiFlight>;

const answer = z.object({ flights: z.array(apiFlight) });

/** The provider's flight in our status model; the day is the one our schedule asked about. */
export function normalise(f: ApiFlight, departureDate: string, at: string): StatusReport {
  const designator = /^([A-Z0-9]{2})(\d{1,4})$/.exec(f.ident_iata)!;
  const late = f.estimated_out && Date.parse(f.estimated_out) > Date.parse(f.scheduled_out);
  const status: FeedStatus = f.cancelled ? 'cancelled'
    : f.diverted ? 'diverted'
    : f.actual_in ? 'landed'
    : f.actual_out ? 'departed'
    : late ? 'delayed'
    : 'scheduled';
  const providerAt = f.last_updated ?? at;
  return {
    // one statement per flight, state and time: the same state reported again is a replay
    event_id: `${f.fa_flight_id}:${status}:${f.estimated_out ?? f.actual_out ?? f.actual_in ?? ''}`,
    airline: designator[1], flight_number: Number(designator[2]), departure_date: departureDate, scheduled_departs_at: f.scheduled_out, status,
    ...(status === 'delayed' ? { departs_at: f.estimated_out!, ...(f.estimated_in ? { arrives_at: f.estimated_in } : {}) } : {}),
    ...(status === 'departed' && f.actual_out ? { departs_at: f.actual_out } : {}),
    ...(status === 'landed' && f.actual_in ? { arrives_at: f.actual_in, ...(f.actual_out ? { departs_at: f.actual_out } : {}) } : {}),
    ...(status === 'diverted' && f.destination ? { diverted_to: f.destination.code_iata } : {}),
    provider_at: providerAt,
    ...(f.status ? { reason: f.status.slice(0, 200) } : {}),
  };
}

export class ProviderError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** Polls the API once per tracked flight (its designator and day). */
export function flightDataProvider(opts: { baseUrl: string; apiKey: string; timeoutMs?: number; fetch?: typeof fetch }): StatusProvider {
  const get = opts.fetch ?? fetch;
  const base = opts.baseUrl.replace(/\/$/, '');
  async function one(f: TrackedFlight): Promise<StatusReport[]> {
    const url = `${base}/flights/${encodeURIComponent(`${f.airline}${f.flight_number}`)}?start=${f.departure_date}&end=${f.departure_date}`;
    const res = await get(url, { headers: { 'x-apikey': opts.apiKey, accept: 'application/json' }, signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) });
    if (res.status === 404) return [];
    if (!res.ok) throw new ProviderError(`flight-data API answered ${res.status}`, res.status);
    const parsed = answer.safeParse(await res.json());
    if (!parsed.success) throw new ProviderError('flight-data API answered an unexpected shape');
    const at = new Date().toISOString();
    return parsed.data.flights.map((x) => normalise(x, f.departure_date, at));
  }
  return {
    code: 'flightdata',
    async poll(flights) {
      const out: StatusReport[] = [];
      for (const f of flights) out.push(...(await one(f)));
      return out;
    },
  };
}
