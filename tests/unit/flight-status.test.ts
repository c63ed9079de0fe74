import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guard } from '@/lib/flight-status/breaker';
import { flightDataProvider, normalise, type ApiFlight } from '@/lib/flight-status/flight-data';
import { fate, simulatorProvider } from '@/lib/flight-status/simulator';
import type { TrackedFlight } from '@/lib/flight-status/types';
import { sign, verifySignature } from '@/lib/flight-status/webhook';
import { metrics } from '@/lib/metrics/registry';
import { startFlightDataStandIn, type FlightDataStandIn } from '@/tests/support/flight-data-stand-in';

// The flight-status feed's parts that need no database: webhook signatures, the simulator's
// determinism, the HTTP adapter against a stand-in API, and the circuit breaker.

const SECRET = 'whsec-test-0123456789abcdef';
const body = JSON.stringify({ id: 'evt_1', type: 'flight.status', created_at: '2026-12-06T10:00:00Z', flight: {} });
const now = new Date('2026-12-06T10:00:30Z');
const t = Math.floor(now.getTime() / 1000);
const verify = (header: string | null, raw = body, at = now) => () => verifySignature({ secret: SECRET, header, body: raw, toleranceSeconds: 300, now: at });

describe('webhook signatures', () => {
  it('accepts the exact body signed with the secret within the tolerance, also among rotated signatures', () => {
    expect(verify(sign(SECRET, body, t))).not.toThrow();
    const other = sign('another-secret-0123456789', body, t).split(',')[1];
    expect(verify(`${sign(SECRET, body, t)},${other}`)).not.toThrow();
  });

  it('refuses a tampered body, another secret, a missing or malformed header with a 401 naming the header', () => {
    const header = sign(SECRET, body, t);
    for (const attempt of [
      verify(header, body.replace('evt_1', 'evt_2')),
      verify(sign('not-the-secret-0123456789', body, t)),
      verify(null),
      verify('v1=abc'),
      verify(`t=${t},v1=${'0'.repeat(64)}`),
      verify(header.replace(`t=${t}`, `t=${t + 1}`)),   // the time is signed too
    ]) {
      expect(attempt).toThrow(expect.objectContaining({ status: 401, errors: [expect.objectContaining({ field: 'x-flightdata-signature' })] }));
    }
  });

  it('refuses a correctly signed but stale or future timestamp', () => {
    expect(verify(sign(SECRET, body, t - 301))).toThrow(expect.objectContaining({ status: 401, message: expect.stringContaining('at most 300 s') }));
    expect(verify(sign(SECRET, body, t + 301))).toThrow(expect.objectContaining({ status: 401 }));
    expect(verify(sign(SECRET, body, t - 299))).not.toThrow();
  });
});

const flight = (i: number, departs: string): TrackedFlight => {
  const d = Date.parse(departs);
  return { flight_id: i, airline: 'BA', flight_number: 100 + i, departure_date: departs.slice(0, 10), origin: 'LHR', destination: 'JFK',
    departs_at: departs, arrives_at: new Date(d + 8 * 3600_000).toISOString(), scheduled_departs_at: departs,
    scheduled_arrives_at: new Date(d + 8 * 3600_000).toISOString(), status: 'scheduled' };
};

describe('the disruption simulator', () => {
  const flights = Array.from({ length: 400 }, (_, i) => flight(i, '2026-12-06T14:00:00.000Z'));

  it('is deterministic per seed: the same flights are disrupted the same way, another seed differs', async () => {
    const at = new Date('2026-12-06T09:00:00Z');   // 5 h before departure: delays and cancellations announced
    const a = await simulatorProvider('seed-a').poll(flights, at);
    const again = await simulatorProvider('seed-a').poll(flights, at);
    const b = await simulatorProvider('seed-b').poll(flights, at);
    expect(again).toEqual(a);
    expect(b).not.toEqual(a);
    const statuses = a.map((r) => r.status);
    expect(statuses).toContain('delayed');
    expect(statuses).toContain('cancelled');
    // about 8 % delayed and 1.5 % cancelled
    expect(statuses.filter((s) => s === 'delayed').length).toBeGreaterThan(15);
    expect(statuses.filter((s) => s === 'delayed').length).toBeLessThan(60);
    for (const r of a.filter((x) => x.status === 'delayed')) {
      expect(Date.parse(r.departs_at!)).toBeGreaterThan(Date.parse('2026-12-06T14:00:00Z'));
      expect(Date.parse(r.provider_at)).toBeLessThan(at.getTime());
    }
  });

  it('departs and lands flights that go ahead, on their delayed times, with stable event ids', async () => {
    const f = flights.find((x) => fate('seed-a', x).kind === 'delayed')!;
    const { delayMinutes } = fate('seed-a', f);
    const later = new Date(Date.parse(f.scheduled_arrives_at) + delayMinutes * 60_000 + 1000);
    const reports = await simulatorProvider('seed-a').poll([f], later);
    expect(reports.map((r) => r.status)).toEqual(['departed', 'landed']);
    expect(Date.parse(reports[0].departs_at!) - Date.parse(f.scheduled_departs_at)).toBe(delayMinutes * 60_000);
    expect((await simulatorProvider('seed-a').poll([f], later)).map((r) => r.event_id)).toEqual(reports.map((r) => r.event_id));
    const cancelled = flights.find((x) => fate('seed-a', x).kind === 'cancelled')!;
    expect(await simulatorProvider('seed-a').poll([cancelled], later)).toEqual([]);   // never departs
  });
});

const apiFlight = (over: Partial<ApiFlight> = {}): ApiFlight => ({
  fa_flight_id: 'BAW117-1733', ident_iata: 'BA117', status: 'Scheduled', cancelled: false, diverted: false,
  scheduled_out: '2026-12-06T14:00:00Z', estimated_out: '2026-12-06T14:00:00Z', actual_out: null,
  scheduled_in: '2026-12-06T22:00:00Z', estimated_in: '2026-12-06T22:00:00Z', actual_in: null, destination: { code_iata: 'JFK' },
  last_updated: '2026-12-06T08:00:00Z', ...over,
});

describe('the flight-data API adapter', () => {
  let api: FlightDataStandIn;
  beforeAll(async () => { api = await startFlightDataStandIn('key-0123456789'); });
  afterAll(async () => { await api?.close(); });

  it('normalises the provider model to ours', () => {
    expect(normalise(apiFlight(), '2026-12-06', 'x')).toMatchObject({ status: 'scheduled', airline: 'BA', flight_number: 117, scheduled_departs_at: '2026-12-06T14:00:00Z' });
    expect(normalise(apiFlight({ estimated_out: '2026-12-06T15:10:00Z', estimated_in: '2026-12-06T23:10:00Z', status: 'Delayed' }), '2026-12-06', 'x'))
      .toMatchObject({ status: 'delayed', departs_at: '2026-12-06T15:10:00Z', arrives_at: '2026-12-06T23:10:00Z', provider_at: '2026-12-06T08:00:00Z' });
    expect(normalise(apiFlight({ actual_out: '2026-12-06T14:05:00Z' }), 'd', 'x').status).toBe('departed');
    expect(normalise(apiFlight({ actual_out: '2026-12-06T14:05:00Z', actual_in: '2026-12-06T21:50:00Z' }), 'd', 'x').status).toBe('landed');
    expect(normalise(apiFlight({ cancelled: true }), 'd', 'x').status).toBe('cancelled');
    expect(normalise(apiFlight({ diverted: true, destination: { code_iata: 'BOS' } }), 'd', 'x')).toMatchObject({ status: 'diverted', diverted_to: 'BOS' });
  });

  it('asks the API per designator and day with its key, and reads the answer', async () => {
    api.set('BA117', [apiFlight({ estimated_out: '2026-12-06T15:10:00Z' })]);
    const provider = flightDataProvider({ baseUrl: api.url, apiKey: 'key-0123456789' });
    const reports = await provider.poll([{ ...flight(17, '2026-12-06T14:00:00.000Z'), flight_number: 117 }, { ...flight(18, '2026-12-06T14:00:00.000Z'), flight_number: 999 }], new Date());
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ status: 'delayed', flight_number: 117, departure_date: '2026-12-06' });
    expect(api.requests.at(-2)).toEqual({ path: '/flights/BA117?start=2026-12-06&end=2026-12-06', apiKey: 'key-0123456789' });
    await expect(flightDataProvider({ baseUrl: api.url, apiKey: 'wrong-key-000' }).poll([{ ...flight(1, '2026-12-06T14:00:00.000Z'), flight_number: 117 }], new Date()))
      .rejects.toThrow('answered 401');
  });

  it('opens the circuit after failures (no more calls), then lets a trial through and closes when the API is back', async () => {
    const guarded = guard(flightDataProvider({ baseUrl: api.url, apiKey: 'key-0123456789' }),
      { timeoutMs: 2000, errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 300 });
    const ask = () => guarded.poll([{ ...flight(17, '2026-12-06T14:00:00.000Z'), flight_number: 117 }], new Date());
    api.failNext(3);
    for (let i = 0; i < 3; i++) await expect(ask()).rejects.toThrow('answered 503');
    expect(guarded.state()).toBe('open');
    const before = api.requests.length;
    await expect(ask()).rejects.toThrow(/open/i);
    expect(api.requests.length).toBe(before);   // refused without calling the provider
    expect((await metrics().registry.getSingleMetricAsString('traqora_flight_status_breaker_state'))).toContain('traqora_flight_status_breaker_state{provider="flightdata"} 2');

    await new Promise((r) => setTimeout(r, 350));
    expect(guarded.state()).toBe('half_open');
    expect(await ask()).toHaveLength(1);
    expect(guarded.state()).toBe('closed');
    expect((await metrics().registry.getSingleMetricAsString('traqora_flight_status_breaker_state'))).toContain('{provider="flightdata"} 0');
    guarded.shutdown();
  });
});
