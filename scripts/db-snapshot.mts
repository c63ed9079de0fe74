// `npm install`'s last step (postinstall): builds the embedded database a first `npm run dev`
// would otherwise build on the server's own thread — PGlite's initdb, the migrations and
// routines, the reference data and the first weeks of schedule — and keeps it as a tarball the
// first start loads (lib/db/pglite-snapshot.ts says why and when it is used). Skipped in CI
// (whose servers run on memory:// or PostgreSQL) and when this checkout's snapshot exists.
// Never fails the install: without a snapshot the first start simply takes the long way.
//   npx tsx scripts/db-snapshot.mts [--force]
import { rm } from 'node:fs/promises';
import { FIRST_START_DAYS } from '@/lib/db/seed';
import { buildSnapshot, snapshotFile, snapshotKey } from '@/lib/db/pglite-snapshot';

async function main() {
  if (process.env.CI && !process.argv.includes('--force')) return;
  const started = performance.now();
  if (process.argv.includes('--force')) await rm(snapshotFile(await snapshotKey(FIRST_START_DAYS)), { force: true });
  const { file, built } = await buildSnapshot(FIRST_START_DAYS);
  if (built) console.log(`traqora: prepared the embedded database for the first start in ${((performance.now() - started) / 1000).toFixed(1)} s (${file})`);
}

main().catch((err: Error) => {
  console.log(`traqora: no database snapshot (${err.message}); the first start will build the database itself`);
});
