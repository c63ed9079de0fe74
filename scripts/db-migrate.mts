// `npm run db:migrate` — applies supabase/migrations, then supabase/routines when they changed,
// to DATABASE_URL (a PostgreSQL server or Supabase's connection string), recording migrations
// where the Supabase CLI does. Deploy with this, not `supabase db push`, which knows nothing of
// the routines (supabase/README.md). `-- --seed` also loads reference data and extends the
// schedule (SCHEDULE_DAYS, default 120).
import { openSqlDatabase } from '@/lib/db/open';
import { seed } from '@/lib/db/seed';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required: the PostgreSQL database to migrate (postgres://user:pass@host:5432/db).');
  process.exit(2);
}
const seedDays = process.argv.includes('--seed') ? Number(process.env.SCHEDULE_DAYS ?? 120) : undefined;
// openSqlDatabase's migrate step is lib/db/migrate.ts: migrations and routines both.
const db = await openSqlDatabase({
  driver: 'postgres', connectionString: url, migrate: true, poolSize: 1,
  log: (msg, extra) => console.log(msg, JSON.stringify(extra ?? {})),
});
if (seedDays) console.log('seeded', JSON.stringify(await seed(db.sql, seedDays)));
await db.close();
console.log('database is up to date');
