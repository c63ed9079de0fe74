import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Pool } from 'pg';

// Applies supabase/migrations/*.sql in order, recording each in
// supabase_migrations.schema_migrations — the table the Supabase CLI keeps — so
// `supabase migration list/up` and this runner agree about what has been applied.

export const MIGRATIONS_DIR = path.join(process.cwd(), 'supabase', 'migrations');
const FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;
// An arbitrary constant: serialises concurrent migrators on one database.
const LOCK_KEY = 7_204_117;

export interface Migration { version: string; name: string; sql: string }

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(files.map(async (f) => {
    const m = FILE.exec(f);
    if (!m) throw new Error(`migration file name must look like 20260101000000_name.sql: ${f}`);
    return { version: m[1], name: m[2], sql: await readFile(path.join(dir, f), 'utf8') };
  }));
}

export async function migrate(pool: Pool, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query(`create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text)`);
    for (const m of all) {
      await client.query('begin');
      try {
        await client.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
        const done = await client.query('select 1 from supabase_migrations.schema_migrations where version = $1', [m.version]);
        if (done.rowCount === 0) {
          await client.query(m.sql);
          await client.query('insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
            [m.version, [m.sql], m.name]);
          applied.push(`${m.version}_${m.name}`);
        }
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw new Error(`migration ${m.version}_${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
    }
  } finally {
    client.release();
  }
  return applied;
}
