import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlClient } from './sql';

// Applies supabase/migrations/*.sql in order, recording each in
// supabase_migrations.schema_migrations — the table the Supabase CLI keeps — so
// `supabase migration list/up` and this runner agree about what has been applied.

// Read at run time from the project root (never bundled), hence the turbopackIgnore hints.
export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), 'supabase', 'migrations');
const FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;
// An arbitrary constant: serialises concurrent migrators (several instances starting at once).
const LOCK_KEY = 7_204_117;

export interface Migration { version: string; name: string; sql: string }

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(files.map(async (f) => {
    const m = FILE.exec(f);
    if (!m) throw new Error(`migration file name must look like 20260101000000_name.sql: ${f}`);
    return { version: m[1], name: m[2], sql: await readFile(/*turbopackIgnore: true*/ path.join(dir, f), 'utf8') };
  }));
}

/** Applies what is missing, each migration in its own transaction; returns what it applied. */
export async function migrate(sql: SqlClient, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  await sql.exec(`create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text)`);
  const applied: string[] = [];
  for (const m of all) {
    try {
      const done = await sql.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
        const seen = await tx.query('select 1 from supabase_migrations.schema_migrations where version = $1', [m.version]);
        if (seen.length) return false;
        await tx.exec(m.sql);
        await tx.query('insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)',
          [m.version, [m.sql], m.name]);
        return true;
      });
      if (done) applied.push(`${m.version}_${m.name}`);
    } catch (err) {
      throw new Error(`migration ${m.version}_${m.name} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  return applied;
}
