import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';

const g = globalThis as unknown as { __traqoraDemoHistory?: boolean };

/**
 * Samples every due price watch (the database decides what is due and whether a sample alerts).
 * Where the database is seeded with the demo schedule on start (the embedded PGlite), the first
 * run also fills demo route history, so a fresh dev server's results page has a chart; a
 * deployment's history is only ever what was sampled.
 */
export async function samplePriceWatchesJob(): Promise<Record<string, unknown>> {
  const database = await db();
  let demo: unknown;
  if (config().mode.seedOnStart && !g.__traqoraDemoHistory) {
    demo = await database.call('seed_route_price_history', { days: 45, routes: 200 });
    g.__traqoraDemoHistory = true;
  }
  const sampled = await database.call<Record<string, unknown>>('sample_price_watches', { limit: 200, min_age_seconds: null });
  return demo ? { ...sampled, demo } : sampled;
}
