import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlClient } from './sql';

export const SEED_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), 'supabase', 'seed.sql');
/** Days of schedule generated before the server answers; the rest follows in the background. */
export const FIRST_START_DAYS = 21;
const STEP_DAYS = 7;

/**
 * Loads the reference data (once: skipped when airports exist) and extends the flight
 * schedule to `days` ahead of today. Idempotent: safe on every start.
 */
export async function seed(sql: SqlClient, days: number): Promise<{ reference: boolean; flights: number }> {
  const [{ seeded }] = await sql.query<{ seeded: boolean }>('select exists (select 1 from traqora.airports) as seeded');
  if (!seeded) await sql.exec(await readFile(/*turbopackIgnore: true*/ SEED_FILE, 'utf8')); // seed.sql is one transaction
  return { reference: !seeded, flights: await extendSchedule(sql, days) };
}

/**
 * Extends the schedule step by step (each step one transaction), so a first start on the
 * embedded database serves the near term at once and fills the rest while running.
 */
export async function extendSchedule(sql: SqlClient, days: number, from = STEP_DAYS, step = STEP_DAYS): Promise<number> {
  let inserted = 0;
  for (let horizon = Math.min(from, days); ; horizon = Math.min(horizon + step, days)) {
    const [{ result }] = await sql.query<{ result: { inserted: number } }>('select public.extend_schedule($1) as result', [horizon]);
    inserted += result.inserted;
    if (horizon >= days) return inserted;
  }
}
