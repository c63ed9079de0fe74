import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlDatabase } from '@/lib/db/open';
import { buildSnapshot, findSnapshot } from '@/lib/db/pglite-snapshot';

// The install's snapshot of the embedded database (lib/db/pglite-snapshot.ts): a first start in
// an empty data directory loads it instead of building the database, and ends up with the same
// database a first start without it builds. PGlite only: a server database never uses one.
const DAYS = 2;
const pglite = process.env.DB_TARGET !== 'postgres';

describe.skipIf(!pglite)('the install\'s PGlite snapshot', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'traqora-snapshot-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  const open = async (dataDir: string, snapshotDir: string) => {
    const logged: string[] = [];
    const db = await openSqlDatabase({ driver: 'pglite', dataDir: path.join(dir, dataDir), migrate: true, seedDays: DAYS, snapshotDir,
      log: (msg) => logged.push(msg) });
    const [counts] = await db.sql.query<{ airports: number; flights: number; fares: number; routines: number }>(`select
      (select count(*)::int from traqora.airports) as airports, (select count(*)::int from traqora.flights) as flights,
      (select count(*)::int from traqora.flight_cabins) as fares, (select count(*)::int from supabase_migrations.routines) as routines`);
    return { db, logged, counts };
  };

  it('is built once per checkout\'s SQL and found only for the same schedule length', async () => {
    const snapshots = path.join(dir, 'cache');
    expect(await findSnapshot(DAYS, snapshots)).toBeNull();
    expect((await buildSnapshot(DAYS, snapshots)).built).toBe(true);
    expect((await buildSnapshot(DAYS, snapshots)).built).toBe(false);
    expect(await readdir(snapshots)).toHaveLength(1);
    expect(await findSnapshot(DAYS, snapshots)).not.toBeNull();
    expect(await findSnapshot(DAYS + 1, snapshots)).toBeNull();
  });

  it('starts an empty data directory from the snapshot: nothing left to migrate or seed, the same database as the long way', async () => {
    const fromSnapshot = await open('from-snapshot', path.join(dir, 'cache'));
    const longWay = await open('long-way', path.join(dir, 'no-snapshot-here'));
    try {
      expect(fromSnapshot.logged).toContain('database loaded from the install\'s snapshot');
      expect(fromSnapshot.logged).not.toContain('migrations applied');
      expect(longWay.logged).not.toContain('database loaded from the install\'s snapshot');
      expect(longWay.logged).toContain('migrations applied');
      expect(fromSnapshot.counts.flights).toBeGreaterThan(0);
      expect(fromSnapshot.counts).toEqual(longWay.counts);
    } finally {
      await fromSnapshot.db.close();
      await longWay.db.close();
    }
  });

  it('never loads over an existing database: a second start resumes the data directory', async () => {
    const again = await open('from-snapshot', path.join(dir, 'cache'));
    try {
      expect(again.logged).not.toContain('database loaded from the install\'s snapshot');
      expect(again.counts.flights).toBeGreaterThan(0);
    } finally {
      await again.db.close();
    }
  });
});
