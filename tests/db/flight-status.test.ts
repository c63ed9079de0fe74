import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Booking } from '@/lib/bookings/types';
import { notificationsConsumer } from '@/lib/events/consumers/notifications';
import { runConsumers } from '@/lib/events/runner';
import { ingestReports } from '@/lib/flight-status/ingest';
import { simulatorProvider } from '@/lib/flight-status/simulator';
import type { TrackedFlight } from '@/lib/flight-status/types';
import type { StatusReport } from '@/lib/flight-status/types';
import { sign } from '@/lib/flight-status/webhook';
import type { Itinerary } from '@/lib/flights/types';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The flight-status feed on a real database (supabase/routines/64_flight_status.sql): reports
// recorded once per event id, conflicts by provider timestamp then priority, delays and
// cancellations through the disruption policy (refunds, waivers, audit, events), travellers
// notified; and the webhook route end to end with real HMAC signatures (401, 409 problems).

const SECRET = 'whsec-e2e-0123456789abcdef';
const state: { db?: TestDatabase['db'] } = {};
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/config', async (orig) => {
  const real = await orig<typeof import('@/lib/config')>();
  return { ...real, config: () => { const c = real.config(); return { ...c, env: { ...c.env, FLIGHT_STATUS_WEBHOOK_SECRET: SECRET, FLIGHT_STATUS_WEBHOOK_TOLERANCE_SECONDS: 300 } }; } };
});

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14 }); state.db = t.db; });
afterAll(async () => { await t?.close(); });

const flightRow = async (id: number) => (await t.sql<{ airline: string; flight_number: number; departure_date: string; departs_at: Date; arrives_at: Date; status: string }>(
  "select airline, flight_number, to_char(departure_date, 'YYYY-MM-DD') as departure_date, departs_at, arrives_at, status from traqora.flights where id = $1", [id]))[0];
let seq = 0;
const report = async (flightId: number, over: Partial<StatusReport>): Promise<StatusReport> => {
  const f = await flightRow(flightId);
  return { event_id: `evt-${++seq}`, airline: f.airline, flight_number: f.flight_number, departure_date: f.departure_date, status: 'scheduled',
    provider_at: new Date().toISOString(), ...over };
};
const ingest = (provider: string, r: StatusReport) => ingestReports(t.db, provider, [r]).then((x) => x[0]);
const paid = async (user: string, it: Itinerary) => {
  const { booking } = await book(t, user, it);
  await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 10_000_000 });
  return booking;
};
/** A nonstop on a given day ahead, so each test disrupts a flight of its own. */
const nonstopOn = async (from: string, to: string, days: number): Promise<Itinerary> => {
  const day = new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);
  const found = await t.db.call<Itinerary[]>('search_itineraries', { origin: from, destination: to, date_from: day, date_to: day, cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 0 });
  if (!found.length) throw new Error(`no nonstop ${from}-${to} on ${day}`);
  return found[0];
};
const hours = (h: number, from: Date) => new Date(from.getTime() + h * 3600_000).toISOString();

describe('ingesting flight-status reports', () => {
  it('a delay goes through the disruption policy once: new times, waiver past the threshold, audit, event, notification', async () => {
    const user = await traveller(t, 'Delayed Dan');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const booking = await paid(user, it0);
    const flightId = it0.flight_ids[0];
    const before = await flightRow(flightId);
    const r = await report(flightId, { status: 'delayed', departs_at: hours(4, before.departs_at), arrives_at: hours(4, before.arrives_at), reason: 'late inbound aircraft' });
    expect(await ingest('flightdata', r)).toMatchObject({ replayed: false, outcome: 'applied', flight_id: flightId });
    const after = await flightRow(flightId);
    expect(after.status).toBe('delayed');
    expect(after.departs_at.toISOString()).toBe(r.departs_at);

    // the policy's own effects: a waiver (4 h > the 3 h threshold), an audit row by the system, the event
    const b = await t.db.call<Booking & { waivers: { kind: string }[] }>('get_booking', { user_id: user, pnr: booking.pnr });
    expect(b.waivers.map((w) => w.kind)).toEqual(['free_cancellation']);
    const audit = await t.sql<{ action: string; actor: string | null; reason: string }>(
      "select action, actor, reason from traqora.audit_log where resource_type = 'flight' and resource_id = $1", [String(flightId)]);
    expect(audit).toEqual([{ action: 'flight.delayed', actor: null, reason: 'Flight-status feed (Flight-data API (HTTP and webhooks)): late inbound aircraft' }]);

    // the same event id again is a replay and changes nothing
    expect(await ingest('flightdata', r)).toMatchObject({ replayed: true });
    const [{ n }] = await t.sql<{ n: number }>("select count(*)::int as n from traqora.domain_events where type = 'flight.status_changed' and aggregate_id = $1", [String(flightId)]);
    expect(n).toBe(1);

    await runConsumers(t.db, [notificationsConsumer(async () => t.db)]);
    const list = await t.db.call<{ data: { type: string; title: string }[] }>('list_notifications', { user_id: user, limit: 20 });
    expect(list.data.filter((x) => x.type === 'flight_disrupted').map((x) => x.title)).toEqual([`Flight ${before.airline}${before.flight_number} JFK–LHR is delayed`]);
  });

  it('a cancellation refunds the paid booking in full through the policy, however many providers report it', async () => {
    const user = await traveller(t, 'Cancelled Cleo');
    const it0 = await nonstopOn('JFK', 'LHR', 8);
    const booking = await paid(user, it0);
    const flightId = it0.flight_ids[0];
    const now = Date.now();
    expect(await ingest('simulator', await report(flightId, { status: 'cancelled', provider_at: new Date(now - 60_000).toISOString() })))
      .toMatchObject({ outcome: 'applied' });
    expect((await t.db.call<Booking>('get_booking', { user_id: user, pnr: booking.pnr })).status).toBe('refunded');
    // a later report of the same from the other provider is in force but changes nothing
    expect(await ingest('flightdata', await report(flightId, { status: 'cancelled', provider_at: new Date(now).toISOString() })))
      .toMatchObject({ outcome: 'unchanged' });
    const [{ n }] = await t.sql<{ n: number }>("select count(*)::int as n from traqora.domain_events where type = 'booking.refunded' and payload->>'pnr' = $1", [booking.pnr]);
    expect(n).toBe(1);
    // and a flown report for a cancelled flight is refused, recorded with why
    expect(await ingest('flightdata', await report(flightId, { status: 'departed', provider_at: new Date(now + 1000).toISOString() })))
      .toMatchObject({ outcome: 'refused', detail: 'The flight is cancelled.' });
  });

  it('an older report, or an equally old one from a lower-priority provider, is stale and changes nothing', async () => {
    const it0 = await nonstop(t, 'LHR', 'JFK');
    const flightId = it0.flight_ids[0];
    const f = await flightRow(flightId);
    const at = new Date(Date.now() - 3600_000).toISOString();
    expect(await ingest('flightdata', await report(flightId, { status: 'delayed', departs_at: hours(1, f.departs_at), provider_at: at })))
      .toMatchObject({ outcome: 'applied' });
    // same timestamp, lower priority (simulator 10 < flightdata 50): stale
    expect(await ingest('simulator', await report(flightId, { status: 'delayed', departs_at: hours(2, f.departs_at), provider_at: at })))
      .toMatchObject({ outcome: 'stale' });
    // older: stale
    expect(await ingest('flightdata', await report(flightId, { status: 'delayed', departs_at: hours(3, f.departs_at), provider_at: new Date(Date.parse(at) - 1000).toISOString() })))
      .toMatchObject({ outcome: 'stale' });
    expect((await flightRow(flightId)).departs_at.toISOString()).toBe(hours(1, f.departs_at));
    // newer from the lower-priority provider: in force
    expect(await ingest('simulator', await report(flightId, { status: 'delayed', departs_at: hours(2, f.departs_at), provider_at: new Date(Date.parse(at) + 1000).toISOString() })))
      .toMatchObject({ outcome: 'applied' });
    expect((await flightRow(flightId)).departs_at.toISOString()).toBe(hours(2, f.departs_at));
    // a "delay" to an earlier time is refused by the policy and recorded, not in force
    expect(await ingest('flightdata', await report(flightId, { status: 'delayed', departs_at: hours(1, f.departs_at) })))
      .toMatchObject({ outcome: 'refused', detail: 'The new departure must be later than the current one.' });
    const feed = await t.db.call<{ current: { provider: string }; reports: { outcome: string }[] }>('flight_status_feed', { flight_id: flightId });
    expect(feed.current.provider).toBe('simulator');
    expect(feed.reports.map((r) => r.outcome)).toEqual(['refused', 'applied', 'stale', 'stale', 'applied']);
  });

  it('departed, landed and diverted move the flight or tell its travellers; unknown flights and bad reports are named', async () => {
    const user = await traveller(t, 'Diverted Dora');
    const it0 = await nonstop(t, 'JFK', 'LAX');
    await paid(user, it0);
    const flightId = it0.flight_ids[0];
    expect(await ingest('flightdata', await report(flightId, { status: 'departed' }))).toMatchObject({ outcome: 'applied' });
    expect((await flightRow(flightId)).status).toBe('departed');
    expect(await ingest('flightdata', await report(flightId, { status: 'diverted', diverted_to: 'las', provider_at: new Date(Date.now() + 1000).toISOString() })))
      .toMatchObject({ outcome: 'applied' });
    await runConsumers(t.db, [notificationsConsumer(async () => t.db)]);
    const list = await t.db.call<{ data: { type: string; title: string }[] }>('list_notifications', { user_id: user, limit: 20 });
    expect(list.data.find((x) => x.type === 'flight_disrupted')?.title).toMatch(/is diverted to LAS$/);
    expect(await ingest('flightdata', await report(flightId, { status: 'landed', provider_at: new Date(Date.now() + 2000).toISOString() }))).toMatchObject({ outcome: 'applied' });
    expect((await flightRow(flightId)).status).toBe('landed');

    expect(await ingest('flightdata', { ...(await report(flightId, {})), flight_number: 9999 })).toMatchObject({ outcome: 'unknown_flight' });
    await expect(ingest('flightdata', await report(flightId, { status: 'delayed' }))).rejects.toMatchObject({ status: 400, field: 'departs_at' });
    await expect(ingest('nobody', await report(flightId, {}))).rejects.toMatchObject({ status: 404, field: 'provider' });
  });
});

describe('the simulator on the seeded schedule', () => {
  it('its reports for the next day are accepted: delays and cancellations applied through the policy, a second poll all replays', async () => {
    const now = new Date();
    const flights = await t.db.call<TrackedFlight[]>('flights_to_track', { from: new Date(now.getTime() - 12 * 3600_000).toISOString(), to: new Date(now.getTime() + 24 * 3600_000).toISOString(), limit: 5000 });
    expect(flights.length).toBeGreaterThan(20);
    const sim = simulatorProvider('db-test');
    const reports = await sim.poll(flights, now);
    const outcomes = await ingestReports(t.db, 'simulator', reports);
    const by = (o: string) => outcomes.filter((x) => x.outcome === o).length;
    expect(by('refused')).toBe(0);
    expect(by('applied')).toBeGreaterThan(0);
    const statuses = await t.sql<{ status: string; n: number }>(
      "select f.status, count(*)::int as n from traqora.flight_status_current c join traqora.flights f on f.id = c.flight_id where c.provider = 'simulator' group by 1 order by 1");
    expect(statuses.map((r) => r.status)).toEqual(expect.arrayContaining(['delayed']));
    const again = await ingestReports(t.db, 'simulator', await sim.poll(flights, now));
    expect(again.every((o) => o.replayed)).toBe(true);
  });
});

describe('POST /api/v1/webhooks/flight-status/{provider}', () => {
  const post = async (provider: string, raw: string, headers: Record<string, string>) => {
    const mod = await import('@/app/api/v1/webhooks/flight-status/[provider]/route');
    const req = new NextRequest(new URL(`http://t.test/api/v1/webhooks/flight-status/${provider}`), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
    const res = await mod.POST(req, { params: Promise.resolve({ provider }) });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.json() as Record<string, unknown> };
  };
  const event = async (id: string, flightId: number, over: Record<string, unknown> = {}) => {
    const f = await flightRow(flightId);
    return JSON.stringify({ id, type: 'flight.status', created_at: new Date().toISOString(), flight: {
      fa_flight_id: `fa-${id}`, ident_iata: `${f.airline}${f.flight_number}`, status: 'Delayed', cancelled: false, diverted: false,
      scheduled_out: f.departs_at.toISOString(), estimated_out: hours(2, f.departs_at), scheduled_in: f.arrives_at.toISOString(), estimated_in: hours(2, f.arrives_at), ...over } });
  };
  const signed = (raw: string, at = Math.floor(Date.now() / 1000)) => ({ 'x-flightdata-signature': sign(SECRET, raw, at) });

  it('applies a signed event, refuses its replay with 409, a tampered or stale one with 401, all as problems', async () => {
    const it0 = await nonstopOn('LHR', 'JFK', 9);
    const flightId = it0.flight_ids[0];
    const raw = await event('wh-1', flightId);
    const ok = await post('flightdata', raw, signed(raw));
    expect(ok).toMatchObject({ status: 200, body: { data: { outcome: 'applied', flight_id: flightId } } });
    expect((await flightRow(flightId)).status).toBe('delayed');

    const again = await post('flightdata', raw, signed(raw));
    expect(again).toMatchObject({ status: 409, type: 'application/problem+json', body: { errors: [{ field: 'body.id' }] } });

    const tampered = await post('flightdata', raw.replace('"Delayed"', '"Cancelled"').replace('wh-1', 'wh-2'), signed(raw));
    expect(tampered).toMatchObject({ status: 401, type: 'application/problem+json', body: { errors: [{ field: 'x-flightdata-signature' }] } });
    const raw3 = await event('wh-3', flightId);
    const stale = await post('flightdata', raw3, signed(raw3, Math.floor(Date.now() / 1000) - 600));
    expect(stale).toMatchObject({ status: 401, type: 'application/problem+json' });
    expect(String(stale.body.detail)).toContain('at most 300 s');
    const unsigned = await post('flightdata', raw3, {});
    expect(unsigned.status).toBe(401);
    const [{ n }] = await t.sql<{ n: number }>("select count(*)::int as n from traqora.flight_status_reports where event_id like 'wh-%'");
    expect(n).toBe(1);   // nothing refused was recorded
  });

  it('names the field of a signed but malformed body, and 404s a provider without webhooks', async () => {
    const raw = JSON.stringify({ id: 'wh-9', type: 'flight.status', created_at: 'yesterday', flight: { ident_iata: 'BA117' } });
    const bad = await post('flightdata', raw, signed(raw));
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toContain('body.created_at');
    expect((await post('simulator', raw, signed(raw))).status).toBe(404);
  });
});
