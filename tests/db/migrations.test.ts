import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations, readRoutines, type Routine } from '@/lib/db/migrate';
import { openSqlDatabase } from '@/lib/db/open';
import { seed } from '@/lib/db/seed';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase(); });
afterAll(async () => { await t?.close(); });

describe('migrations', () => {
  it('records every file in supabase_migrations.schema_migrations, in order, like the Supabase CLI', async () => {
    const files = await readMigrations();
    const rows = await t.sql<{ version: string; name: string; statements: string[] }>(
      'select version, name, statements from supabase_migrations.schema_migrations order by version');
    expect(rows.map((r) => `${r.version}_${r.name}`)).toEqual(files.map((f) => `${f.version}_${f.name}`));
    expect(rows[0].statements[0]).toBe(files[0].sql);
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrate(t.db.sql)).toEqual([]);
  });

  it('rolls back a failing migration whole and does not record it', async () => {
    const bad = { version: '29991231000000', name: 'broken', sql: 'create table traqora.half_done (id int); select 1/0;' };
    await expect(migrate(t.db.sql, [bad])).rejects.toThrow(/29991231000000_broken failed/);
    const [{ exists }] = await t.sql<{ exists: boolean }>("select to_regclass('traqora.half_done') is not null as exists");
    expect(exists).toBe(false);
    const recorded = await t.sql("select 1 from supabase_migrations.schema_migrations where version = '29991231000000'");
    expect(recorded).toHaveLength(0);
  });
});

describe('routines', () => {
  const recorded = async () => (await t.sql<{ n: number }>('select count(*)::int as n from supabase_migrations.routines'))[0].n;
  const health = async () => t.db.call<Record<string, unknown>>('health_check');
  // The same routines with health_check answering one more key: a real change of a function.
  const withProbe = (routines: Routine[], probe: string) => routines.map((r) => r.file !== '10_platform.sql' ? r : {
    ...r, sql: r.sql.replace("'server_version', current_setting('server_version')", `'server_version', current_setting('server_version'), 'probe', '${probe}'`),
  });
  let current: Routine[];
  beforeAll(async () => { current = await readRoutines(); });

  it('records the checksum it applied; unchanged routines are not applied again', async () => {
    const [row] = await t.sql<{ files: string[] }>('select files from supabase_migrations.routines order by id desc limit 1');
    expect(row.files).toEqual(current.map((r) => r.file));
    const before = await recorded();
    expect(await migrate(t.db.sql)).toEqual([]);
    expect(await recorded()).toBe(before);
  });

  it('re-applies every file when one changes, and again when it changes back', async () => {
    const before = await recorded();
    const changed = withProbe(current, 'one');
    expect(changed.map((r) => r.sql)).not.toEqual(current.map((r) => r.sql));
    expect(await migrate(t.db.sql, { routines: changed })).toEqual([expect.stringMatching(/^routines@[0-9a-f]{12}$/)]);
    expect(await health()).toMatchObject({ probe: 'one' });
    expect(await migrate(t.db.sql)).toHaveLength(1);
    expect(await health()).not.toHaveProperty('probe');
    expect(await recorded()).toBe(before + 2);
  });

  it('rolls back all routines when one file fails, and records nothing', async () => {
    const before = await recorded();
    const broken = [...withProbe(current, 'half'), { file: '99_broken.sql', sql: 'create or replace function traqora.half_done() returns int language sql as $$ select 1 $$;\nselect 1/0;' }];
    await expect(migrate(t.db.sql, { routines: broken })).rejects.toThrow(/routines 99_broken.sql failed: division by zero/);
    expect(await health()).not.toHaveProperty('probe');   // 10_platform.sql's change was undone too
    const [{ exists }] = await t.sql<{ exists: boolean }>("select to_regprocedure('traqora.half_done()') is not null as exists");
    expect(exists).toBe(false);
    expect(await recorded()).toBe(before);
  });

  it('of several migrators starting at once with new routines, one applies them', async () => {
    const before = await recorded();
    const changed = withProbe(current, 'race');
    const results = await Promise.all(Array.from({ length: 4 }, () => migrate(t.db.sql, { routines: changed })));
    expect(results.flat()).toHaveLength(1);
    expect(await recorded()).toBe(before + 1);
    await migrate(t.db.sql);
  });

  it('leaves the routines alone when the database was migrated by newer code (a rolling deploy)', async () => {
    await t.sql("insert into supabase_migrations.schema_migrations (version, name, statements) values ('29990101000000', 'from_newer_code', '{}')");
    try {
      expect(await migrate(t.db.sql, { routines: withProbe(current, 'old') })).toEqual([]);
      expect(await health()).not.toHaveProperty('probe');
    } finally {
      await t.sql("delete from supabase_migrations.schema_migrations where version = '29990101000000'");
    }
  });

  it('re-applies unchanged routines after a migration, which may drop what they define to change a table', async () => {
    const dropper = { version: '29990102000000', name: 'drops_a_function', sql: 'drop function public.health_check();' };
    try {
      const applied = await migrate(t.db.sql, { migrations: [...(await readMigrations()), dropper] });
      expect(applied).toEqual(['29990102000000_drops_a_function', expect.stringMatching(/^routines@/)]);
      expect(await health()).toMatchObject({ database: 'up' });
    } finally {
      await t.sql("delete from supabase_migrations.schema_migrations where version = '29990102000000'");
    }
  });
});

describe('security layout', () => {
  it('keeps every table out of the exposed public schema', async () => {
    const rows = await t.sql("select table_name from information_schema.tables where table_schema = 'public'");
    expect(rows).toEqual([]);
  });

  it('has row level security on for every traqora table', async () => {
    const rows = await t.sql<{ relname: string }>(`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'traqora' and c.relkind = 'r' and not c.relrowsecurity`);
    expect(rows.map((r) => r.relname)).toEqual([]);
  });

  it('lets only service_role execute the public functions', async () => {
    const rows = await t.sql<{ fn: string; anon: boolean; authenticated: boolean; service: boolean; everyone: boolean }>(`
      select p.oid::regprocedure::text as fn,
             has_function_privilege('anon', p.oid, 'EXECUTE') as anon,
             has_function_privilege('authenticated', p.oid, 'EXECUTE') as authenticated,
             has_function_privilege('service_role', p.oid, 'EXECUTE') as service,
             exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0 and a.privilege_type = 'EXECUTE') as everyone
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'`);
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      expect({ fn: r.fn, anon: r.anon, authenticated: r.authenticated, everyone: r.everyone, service: r.service })
        .toEqual({ fn: r.fn, anon: false, authenticated: false, everyone: false, service: true });
    }
  });

  it('public functions run as their owner with an empty search_path (no schema hijacking)', async () => {
    const rows = await t.sql<{ fn: string; definer: boolean; config: string[] | null }>(`
      select p.oid::regprocedure::text as fn, p.prosecdef as definer, p.proconfig as config
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'`);
    for (const r of rows) {
      expect(r.definer, r.fn).toBe(true);
      expect(r.config, r.fn).toContain('search_path=""');
    }
  });
});

// A database built at main as it was before routines (ba9a7af: every function in the
// migrations, six restated), holding real bookings, then upgraded by today's migrator: a
// PostgreSQL database on the server, or a PGlite data dir on disk.
describe('upgrade from the migrations at ba9a7af', () => {
  const onServer = process.env.DB_TARGET === 'postgres';
  let location: { connectionString?: string; dataDir?: string };
  let drop = async () => {};

  beforeAll(async () => {
    if (onServer) {
      const admin = process.env.TEST_DATABASE_URL!;
      const name = `tq_upgrade_${randomBytes(6).toString('hex')}`;
      const run = async (text: string) => { const c = new pg.Client({ connectionString: admin }); await c.connect(); try { await c.query(text); } finally { await c.end(); } };
      await run(`create database ${name}`);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      location = { connectionString: url.toString() };
      drop = () => run(`drop database if exists ${name} with (force)`);
    } else {
      const dir = await mkdtemp(path.join(tmpdir(), 'tq-upgrade-'));
      location = { dataDir: path.join(dir, 'pglite') };
      drop = () => rm(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => { await drop(); });

  const open = (migrateNow: boolean) => openSqlDatabase({ driver: onServer ? 'postgres' : 'pglite', ...location, migrate: migrateNow, poolSize: 2 });
  const asTest = (db: Awaited<ReturnType<typeof open>>): TestDatabase => ({
    db, target: onServer ? 'postgres' : 'pglite', sql: (text, values) => db.sql.query(text, values), close: () => db.close() });
  // Everything a booking is: rows of every table that holds it, in a stable order.
  const snapshot = (u: TestDatabase) => u.sql<{ data: unknown }>(`select jsonb_build_object(
      'bookings', (select jsonb_agg(to_jsonb(b) order by b.pnr) from traqora.bookings b),
      'segments', (select jsonb_agg(to_jsonb(s) order by s.booking_id, s.seq) from traqora.booking_segments s),
      'events', (select jsonb_agg(to_jsonb(e) order by e.id) from traqora.booking_events e),
      'postings', (select jsonb_agg(to_jsonb(p) order by p.id) from traqora.ledger_postings p),
      'chain_payments', (select jsonb_agg(to_jsonb(c) order by c.tx_hash) from traqora.chain_payments c),
      'seats', (select sum(seats_available) from traqora.flight_cabins),
      'users', (select count(*) from traqora.users)) as data`).then((rows) => rows[0].data);

  it('keeps every booking, posting and chain payment, and runs the current routines', async () => {
    const legacy = await readMigrations('tests/fixtures/migrations-ba9a7af');
    let u = asTest(await open(false));
    let before: unknown;
    try {
      await migrate(u.db.sql, { migrations: legacy, routines: [] });
      await seed(u.db.sql, 14);
      const user = await traveller(u, 'Upgrader');
      const it0 = await nonstop(u);
      const paid = (await book(u, user, it0)).booking;
      await u.db.call('pay_booking', { user_id: user, pnr: paid.pnr, demo_funding_minor: 1_000_000 });
      const onChain = (await book(u, user, it0)).booking;
      await u.db.call('record_chain_payment', { user_id: user, pnr: onChain.pnr, tx_hash: 'ab'.repeat(32), payer: 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H' });
      await u.db.call('confirm_chain_payment', { tx_hash: 'ab'.repeat(32), ledger: 77, closed_at: new Date().toISOString(), payer: 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H' });
      await book(u, user, it0);   // still held
      before = await snapshot(u);
      expect(before).toMatchObject({ bookings: [{}, {}, {}], chain_payments: [{ status: 'confirmed' }] });
    } finally {
      await u.close();
    }

    u = asTest(await open(true));
    try {
      const [{ routines }] = await u.sql<{ routines: number }>('select count(*)::int as routines from supabase_migrations.routines');
      expect(routines).toBe(1);
      expect(await snapshot(u)).toEqual(before);
      // the database runs exactly the routines files' functions, one of each
      const text = (await readRoutines()).map((r) => r.sql).join('\n');
      const fns = await u.sql<{ fn: string; src: string }>(`select p.oid::regprocedure::text as fn, p.prosrc as src
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('traqora', 'public')`);
      expect(fns.filter((f) => !text.includes(f.src)).map((f) => f.fn)).toEqual([]);
      // and they work on the old rows: the held booking is paid now
      const user = (await u.sql<{ id: string }>("select id from traqora.users where display_name = 'Upgrader'"))[0].id;
      const held = (await u.sql<{ pnr: string }>("select pnr from traqora.bookings where status = 'held'"))[0].pnr;
      await u.db.call('pay_booking', { user_id: user, pnr: held });
      expect(await u.db.call('ledger_trial_balance')).toEqual({ USD: 0 });
      // …and they are today's: the payment wrote its domain events, which old functions never did
      const events = await u.sql<{ type: string }>("select type from traqora.domain_events where payload ->> 'pnr' = $1 order by id", [held]);
      expect(events.map((e) => e.type)).toEqual(['payment.confirmed', 'booking.paid']);
    } finally {
      await u.close();
    }
  });
});
