import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { migrate, readMigrations, readRoutines } from './migrate';
import { SEED_FILE, seed } from './seed';
import { pgliteSqlClient } from './sql';

// The embedded database a first start would build, built once by `npm install` instead.
//
// A newcomer's first `npm run dev` used to spend ~11 s of CPU on the server's own thread before
// /api/health could answer: PGlite's initdb (3.5 s), every migration and routine (~1 s), the
// reference data and the first weeks of schedule (6.6 s) — the same database on every machine.
// The install's last step (scripts/db-snapshot.mts, postinstall) builds it once and keeps
// PGlite's own tarball of it (dumpDataDir) here; a first start whose data directory is still
// empty loads that tarball (loadDataDir, under a second) and only catches up: migrate() finds
// nothing to do, seed() finds the reference data and extends the schedule by the days that have
// passed since the install (none on the day itself).
//
// The tarball is named by a digest of everything that shapes it: PGlite's version, the
// migrations, the routines, the reference seed and the days generated. A checkout whose SQL
// changed since the install finds no tarball of its digest and starts the long way, exactly as
// before; so does anything but a fresh file data directory (memory:// databases — tests, e2e
// servers — never use one). Kept under node_modules/.cache, it goes with `rm -rf node_modules`.

export const SNAPSHOT_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', '.cache', 'traqora');

async function pgliteVersion(): Promise<string> {
  const manifest = path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json');
  return (JSON.parse(await readFile(/*turbopackIgnore: true*/ manifest, 'utf8')) as { version: string }).version;
}

/** The digest of what a snapshot of `days` days of schedule is made of. */
export async function snapshotKey(days: number): Promise<string> {
  const hash = createHash('sha256').update(`pglite ${await pgliteVersion()}\0days ${days}\0`);
  for (const m of await readMigrations()) hash.update(m.version).update('\0').update(m.sql).update('\0');
  for (const r of await readRoutines()) hash.update(r.file).update('\0').update(r.sql).update('\0');
  hash.update(await readFile(/*turbopackIgnore: true*/ SEED_FILE));
  return hash.digest('hex').slice(0, 20);
}

export const snapshotFile = (key: string, dir = SNAPSHOT_DIR) => path.join(/*turbopackIgnore: true*/ dir, `pglite-${key}.tar.gz`);

/** The tarball for this checkout's SQL, or null when the install made none (or another checkout's). */
export async function findSnapshot(days: number, dir = SNAPSHOT_DIR): Promise<Blob | null> {
  try {
    return new Blob([await readFile(/*turbopackIgnore: true*/ snapshotFile(await snapshotKey(days), dir))]);
  } catch {
    return null;
  }
}

/**
 * Builds the snapshot for `days` days of schedule unless it exists: a throwaway in-memory
 * PGlite migrated and seeded exactly as openSqlDatabase's first start would, dumped gzipped.
 * Older snapshots in the directory are removed. Returns the file and whether it was built.
 */
export async function buildSnapshot(days: number, dir = SNAPSHOT_DIR): Promise<{ file: string; built: boolean }> {
  const file = snapshotFile(await snapshotKey(days), dir);
  if (await readFile(/*turbopackIgnore: true*/ file).then(() => true, () => false)) return { file, built: false };
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  // WAL files are removed at a checkpoint rather than kept for reuse: a kept one is 16 MB of
  // old, incompressible log in the tarball (five of them more than doubled it).
  const defaults = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;
  const lite = await PGlite.create('memory://', { extensions: { pg_trgm }, startParams: [...defaults, '-c', 'wal_recycle=off', '-c', 'min_wal_size=32MB'] });
  try {
    const sql = pgliteSqlClient(lite);
    await migrate(sql);
    await seed(sql, days);
    // Statistics and a checkpoint now, so the first start neither analyses nor replays WAL.
    await lite.exec('analyze; checkpoint');
    const tarball = await lite.dumpDataDir('gzip');
    await mkdir(/*turbopackIgnore: true*/ dir, { recursive: true });
    await Promise.all((await readdir(/*turbopackIgnore: true*/ dir))
      .filter((f) => /^pglite-[0-9a-f]+\.tar\.gz$/.test(f))
      .map((f) => rm(/*turbopackIgnore: true*/ path.join(dir, f), { force: true })));
    // Written aside and renamed: a start never reads half a tarball.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(/*turbopackIgnore: true*/ partial, Buffer.from(await tarball.arrayBuffer()));
    await rename(/*turbopackIgnore: true*/ partial, file);
    return { file, built: true };
  } finally {
    await lite.close();
  }
}
