import type { Booking } from '@/lib/bookings/types';
import type { Itinerary } from '@/lib/flights/types';
import type { TestDatabase } from './database';

// Builders for booking tests: a persona, a real seeded itinerary, a valid passenger list.

export async function traveller(t: TestDatabase, name: string): Promise<string> {
  return (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name })).id;
}

/** A nonstop itinerary between two airports on a day a week or more ahead (first that exists). */
export async function nonstop(t: TestDatabase, from = 'JFK', to = 'LHR', opts: { cabin?: string; adults?: number; children?: number; infants?: number } = {}): Promise<Itinerary> {
  for (let d = 7; d < 14; d++) {
    const day = new Date(Date.now() + d * 864e5).toISOString().slice(0, 10);
    const found = await t.db.call<Itinerary[]>('search_itineraries', {
      origin: from, destination: to, date_from: day, date_to: day, cabin: opts.cabin ?? 'economy',
      adults: opts.adults ?? 1, children: opts.children ?? 0, infants: opts.infants ?? 0, max_stops: 0,
    });
    if (found.length) return found[0];
  }
  throw new Error(`no nonstop ${from}-${to} in the test schedule`);
}

export function adults(n: number) {
  return Array.from({ length: n }, (_, i) => ({ type: 'adult', given_name: `Ada${'abcdefghij'[i]}`, family_name: 'Lovelace', date_of_birth: '1985-03-04',
    document: { type: 'passport', number: `P1234567${i}`, issuing_country: 'GB', expires_on: '2035-01-01' } }));
}

export const contact = { email: 'ada@example.com', phone: '+447700900123' };

export async function book(t: TestDatabase, user: string, it: Itinerary, opts: { family?: string; passengers?: unknown[]; key?: string; total?: number } = {}) {
  const family = opts.family ?? 'standard';
  const passengers = opts.passengers ?? adults(1);
  const count = (t: string) => (passengers as { type: string }[]).filter((p) => p.type === t).length;
  const total = opts.total ?? (await t.db.call<{ total_minor: number }>('price_offer', {
    slices: [it.flight_ids], cabin: 'economy', family, adults: count('adult'), children: count('child'), infants: count('infant'),
  })).total_minor;
  return t.db.call<{ booking: Booking; replayed?: boolean }>('create_booking', {
    user_id: user, idempotency_key: opts.key ?? `key-${Math.random().toString(36).slice(2)}`, request_hash: 'h',
    slices: [it.flight_ids], cabin: 'economy', fare_family: family, passengers, contact, expected_total: total, currency: 'USD',
  });
}

export async function trialBalance(t: TestDatabase): Promise<Record<string, number>> {
  return t.db.call('ledger_trial_balance');
}

export async function seatsLeft(t: TestDatabase, flightId: number, cabin = 'economy'): Promise<number> {
  const [row] = await t.sql<{ n: number }>('select seats_available as n from traqora.flight_cabins where flight_id = $1 and cabin = $2', [flightId, cabin]);
  return row.n;
}
