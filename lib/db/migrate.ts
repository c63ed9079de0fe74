import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlClient } from './sql';

// Brings a database to the code's schema in two steps (supabase/README.md):
// 1. supabase/migrations/*.sql — tables, constraints, indexes, RLS — applied once each, in
//    order, recorded in supabase_migrations.schema_migrations (the table the Supabase CLI keeps,
//    so `supabase migration list/up` and this runner agree about what has been applied);
// 2. supabase/routines/*.sql — the current definition of every function, trigger, view and
//    grant — re-applied, all files in order in one transaction, whenever their combined checksum
//    differs from the one recorded in supabase_migrations.routines, or a migration was just
//    applied (it may have dropped a view or function the routines define, to change a table).

// Read at run time from the project root (never bundled), hence the turbopackIgnore hints.
export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), 'supabase', 'migrations');
export const ROUTINES_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), 'supabase', 'routines');
const MIGRATION_FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;
const ROUTINE_FILE = /^\d{2}_[a-z0-9_]+\.sql$/;
// An arbitrary constant: serialises concurrent migrators (several instances starting at once).
const LOCK_KEY = 7_204_117;

export interface Migration { version: string; name: string; sql: string }
export interface Routine { file: string; sql: string }

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(files.map(async (f) => {
    const m = MIGRATION_FILE.exec(f);
    if (!m) throw new Error(`migration file name must look like 20260101000000_name.sql: ${f}`);
    return { version: m[1], name: m[2], sql: await readFile(/*turbopackIgnore: true*/ path.join(dir, f), 'utf8') };
  }));
}

export async function readRoutines(dir = ROUTINES_DIR): Promise<Routine[]> {
  const files = (await readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(files.map(async (f) => {
    if (!ROUTINE_FILE.test(f)) throw new Error(`routines file name must look like 10_domain.sql: ${f}`);
    return { file: f, sql: await readFile(/*turbopackIgnore: true*/ path.join(dir, f), 'utf8') };
  }));
}

/** One checksum over every routines file's name and text, in order. */
export function routinesChecksum(routines: Routine[]): string {
  const hash = createHash('sha256');
  for (const r of routines) hash.update(r.file).update('\0').update(r.sql).update('\0');
  return hash.digest('hex');
}

export interface MigrationSources {
  migrations?: Migration[];
  /** Defaults to supabase/routines; an empty list applies none (a database built by old migrations). */
  routines?: Routine[];
}

/**
 * Applies the migrations that are missing, each in its own transaction, then the routines if
 * they changed. Returns what it applied: migration names, and `routines@<checksum>`.
 */
export async function migrate(sql: SqlClient, sources: Migration[] | MigrationSources = {}): Promise<string[]> {
  const given = Array.isArray(sources) ? { migrations: sources } : sources;
  const all = given.migrations ?? (await readMigrations());
  await sql.exec(`create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
    create table if not exists supabase_migrations.routines (
      id bigint generated always as identity primary key, checksum text not null, files text[] not null,
      applied_at timestamptz not null default now())`);
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
  const routines = given.routines ?? (await readRoutines());
  if (routines.length) {
    const checksum = await applyRoutines(sql, routines, all.map((m) => m.version), applied.length > 0);
    if (checksum) applied.push(`routines@${checksum.slice(0, 12)}`);
  }
  return applied;
}

/**
 * Re-applies every routines file, in order, in one transaction under the migrators' lock, when
 * their checksum differs from the last one recorded or migrations were just applied: a failing
 * file changes nothing, and of
 * several instances starting at once one applies and the others find the checksum recorded.
 * Returns the checksum applied, or null when the database already had it.
 */
async function applyRoutines(sql: SqlClient, routines: Routine[], knownVersions: string[], migrated: boolean): Promise<string | null> {
  const checksum = routinesChecksum(routines);
  return sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const [last] = await tx.query<{ checksum: string }>('select checksum from supabase_migrations.routines order by id desc limit 1');
    if (last?.checksum === checksum && !migrated) return null;
    // A database migrated by newer code (a migration this code does not know) keeps that
    // code's routines: an older instance starting during a rolling deploy must not put its
    // function definitions back over the newer ones.
    const ahead = await tx.query('select 1 from supabase_migrations.schema_migrations where not (version = any ($1::text[])) limit 1', [knownVersions]);
    if (ahead.length) return null;
    for (const r of routines) {
      try {
        await tx.exec(r.sql);
      } catch (err) {
        throw new Error(`routines ${r.file} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    await tx.query('insert into supabase_migrations.routines (checksum, files) values ($1, $2)', [checksum, routines.map((r) => r.file)]);
    return checksum;
  });
}
