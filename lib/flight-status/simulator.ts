import { createHash } from 'node:crypto';
import type { StatusProvider, StatusReport, TrackedFlight } from './types';

// The disruption simulator: what a flight-data provider would say about our schedule, decided
// by a hash of the seed and the flight, so the same seed disrupts the same flights the same way
// on every run and instance. A delay is announced DELAY_NOTICE before the scheduled departure,
// a cancellation CANCEL_NOTICE before; flights that go ahead depart and land on their (new) times.
// Every statement's event id is derived from what it says, so polling again is a replay.

const DELAY_NOTICE_MS = 6 * 3600_000;
const CANCEL_NOTICE_MS = 12 * 3600_000;

/** Per-mille shares of flights the simulator disrupts. */
export interface SimulatorRates {
  delayedPerMille: number;
  cancelledPerMille: number;
}

export const DEFAULT_RATES: SimulatorRates = { delayedPerMille: 80, cancelledPerMille: 15 };

/** The fate of a flight under a seed: a number in [0, 1000) and a delay length. */
export function fate(seed: string, f: Pick<TrackedFlight, 'airline' | 'flight_number' | 'departure_date'>, rates = DEFAULT_RATES) {
  const h = createHash('sha256').update(`${seed}|${f.airline}${f.flight_number}|${f.departure_date}`).digest();
  const roll = h.readUInt32BE(0) % 1000;
  // 25 minutes to 5 hours, in 5-minute steps: some under the free-cancellation threshold, some over
  const delayMinutes = 25 + (h.readUInt32BE(4) % 56) * 5;
  const kind = roll < rates.cancelledPerMille ? 'cancelled' : roll < rates.cancelledPerMille + rates.delayedPerMille ? 'delayed' : 'on_time';
  return { kind, delayMinutes } as const;
}

export function simulatorProvider(seed: string, rates = DEFAULT_RATES): StatusProvider {
  return {
    code: 'simulator',
    async poll(flights, now) {
      const reports: StatusReport[] = [];
      const t = now.getTime();
      for (const f of flights) {
        const { kind, delayMinutes } = fate(seed, f, rates);
        const scheduledOut = Date.parse(f.scheduled_departs_at);
        const scheduledIn = Date.parse(f.scheduled_arrives_at);
        const base = { airline: f.airline, flight_number: f.flight_number, departure_date: f.departure_date };
        const id = (what: string) => `sim:${seed}:${f.airline}${f.flight_number}:${f.departure_date}:${what}`;
        if (kind === 'cancelled') {
          if (t >= scheduledOut - CANCEL_NOTICE_MS && t < scheduledOut) {
            reports.push({ ...base, event_id: id('cancelled'), status: 'cancelled', provider_at: new Date(scheduledOut - CANCEL_NOTICE_MS).toISOString(), reason: 'operational reasons (simulated)' });
          }
          continue;
        }
        const shift = kind === 'delayed' ? delayMinutes * 60_000 : 0;
        const out = scheduledOut + shift;
        const arrive = scheduledIn + shift;
        if (kind === 'delayed' && t >= scheduledOut - DELAY_NOTICE_MS && t < scheduledOut) {
          reports.push({ ...base, event_id: id(`delayed:${delayMinutes}`), status: 'delayed', departs_at: new Date(out).toISOString(),
            arrives_at: new Date(arrive).toISOString(), provider_at: new Date(scheduledOut - DELAY_NOTICE_MS).toISOString(), reason: `late inbound aircraft (simulated, ${delayMinutes} min)` });
        }
        if (t >= out) reports.push({ ...base, event_id: id('departed'), status: 'departed', departs_at: new Date(out).toISOString(), provider_at: new Date(out).toISOString() });
        if (t >= arrive) reports.push({ ...base, event_id: id('landed'), status: 'landed', arrives_at: new Date(arrive).toISOString(), provider_at: new Date(arrive).toISOString() });
      }
      return reports;
    },
  };
}
