import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '@/lib/db/migrate';
import { openTestDatabase, type TestDatabase } from '../support/database';

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
