import 'server-only';
import { db } from '@/lib/db/connect';
import { logger } from '@/lib/log/logger';
import { ingestReports } from './ingest';
import { feedProviders } from './providers';
import type { TrackedFlight } from './types';

// The `flight-status` job: asks every polled provider (through its circuit breaker) about the
// flights in the air or leaving within a day, and ingests what they say. Statements this
// process already handed over are not sent again (the database would answer "replayed").

const WINDOW_BEFORE_MS = 12 * 3600_000;
const WINDOW_AFTER_MS = 24 * 3600_000;
const g = globalThis as unknown as { __traqoraFeedSeen?: Set<string> };

export async function flightStatusJob(now = new Date()): Promise<Record<string, unknown>> {
  const providers = feedProviders();
  if (!providers.length) return { providers: 0 };
  const database = await db();
  const flights = await database.call<TrackedFlight[]>('flights_to_track', {
    from: new Date(now.getTime() - WINDOW_BEFORE_MS).toISOString(), to: new Date(now.getTime() + WINDOW_AFTER_MS).toISOString(), limit: 5000,
  });
  const seen = (g.__traqoraFeedSeen ??= new Set());
  if (seen.size > 100_000) seen.clear();
  const result: Record<string, unknown> = { flights: flights.length };
  for (const p of providers) {
    try {
      const reports = (await p.poll(flights, now)).filter((r) => !seen.has(`${p.code}|${r.event_id}`));
      const outcomes = await ingestReports(database, p.code, reports);
      for (const r of reports) seen.add(`${p.code}|${r.event_id}`);
      result[p.code] = { reports: reports.length, applied: outcomes.filter((o) => o.outcome === 'applied').length };
    } catch (err) {
      logger.warn({ provider: p.code, state: p.state(), err }, 'flight-status provider failed');
      result[p.code] = { error: (err as Error).message, circuit: p.state() };
    }
  }
  return result;
}
