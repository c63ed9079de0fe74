// `npm run data:demo [-- --bookings 100000]`: a year of demo booking history (lib/db/demo-data.ts)
// in the database DATABASE_URL names (PostgreSQL), or else the local PGlite data dir.
import { parseArgs } from 'node:util';
import { openSqlDatabase } from '@/lib/db/open';
import { demoDataSql, DEMO_EMAIL_DOMAIN } from '@/lib/db/demo-data';

const { values } = parseArgs({ options: { bookings: { type: 'string', default: '100000' }, again: { type: 'boolean', default: false } } });
const bookings = Number(values.bookings);
if (!Number.isInteger(bookings) || bookings < 1 || bookings > 2_000_000) {
  console.error('--bookings must be a whole number from 1 to 2,000,000');
  process.exit(2);
}
const url = process.env.DATABASE_URL;
const db = await openSqlDatabase(url
  ? { driver: 'postgres', connectionString: url, migrate: true, seedDays: 21, poolSize: 2 }
  : { driver: 'pglite', dataDir: process.env.PGLITE_DATA_DIR ?? '.data/pglite', migrate: true, seedDays: 21 });
try {
  const [{ n }] = await db.sql.query<{ n: number }>(`select count(*)::int as n from traqora.users where email like '%@${DEMO_EMAIL_DOMAIN}'`);
  if (n > 0 && !values.again) {
    console.log(`Demo data is already here (${n} demo travellers); pass --again to add another batch.`);
  } else {
    const started = performance.now();
    await db.sql.transaction((tx) => tx.exec(demoDataSql(bookings)));
    await db.sql.exec('analyze traqora.bookings; analyze traqora.booking_segments; analyze traqora.booking_passengers; analyze traqora.chain_payments;');
    const [c] = await db.sql.query<{ n: number }>('select count(*)::int as n from traqora.bookings');
    console.log(`Generated demo history in ${((performance.now() - started) / 1000).toFixed(1)} s: ${c.n} bookings in the database now.`);
  }
} finally {
  await db.close();
}
