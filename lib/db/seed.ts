import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';

export const SEED_FILE = path.join(process.cwd(), 'supabase', 'seed.sql');

/**
 * Loads the reference data (once: it is skipped when airports exist) and extends the flight
 * schedule to `days` ahead of today. Idempotent: safe on every start.
 */
export async function seed(pool: Pool, days: number): Promise<{ reference: boolean; flights: number }> {
  const { rows } = await pool.query('select exists (select 1 from traqora.airports) as seeded');
  let reference = false;
  if (!rows[0].seeded) {
    // seed.sql wraps itself in one transaction; run it on a single client.
    const client = await pool.connect();
    try {
      await client.query(await readFile(SEED_FILE, 'utf8'));
      reference = true;
    } finally {
      client.release();
    }
  }
  const res = await pool.query('select public.extend_schedule($1) as result', [days]);
  return { reference, flights: res.rows[0].result.inserted };
}
