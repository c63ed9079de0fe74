import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlClient } from './sql';

export const SEED_FILE = path.join(process.cwd(), 'supabase', 'seed.sql');

/**
 * Loads the reference data (once: skipped when airports exist) and extends the flight
 * schedule to `days` ahead of today. Idempotent: safe on every start.
 */
export async function seed(sql: SqlClient, days: number): Promise<{ reference: boolean; flights: number }> {
  const [{ seeded }] = await sql.query<{ seeded: boolean }>('select exists (select 1 from traqora.airports) as seeded');
  if (!seeded) await sql.exec(await readFile(SEED_FILE, 'utf8')); // seed.sql is one transaction
  const [{ result }] = await sql.query<{ result: { inserted: number } }>('select public.extend_schedule($1) as result', [days]);
  return { reference: !seeded, flights: result.inserted };
}
