import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations, readRoutines } from '@/lib/db/migrate';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// One current definition of every database function (supabase/README.md): functions, triggers,
// views and grants live in supabase/routines, each exactly once; migrations hold tables only.

interface Definition { kind: 'function' | 'view' | 'trigger'; key: string; source: string }

const withoutComments = (sql: string) => sql.replace(/--[^\n]*/g, '');
const DEFINITION = /\bcreate\s+(?:or\s+replace\s+)?(?:constraint\s+)?(function|materialized\s+view|view|trigger)\s+([\w".]+)/gi;
const TRIGGER_TABLE = /\bon\s+([\w".]+)/i;

/** Every `create [or replace] function|view|trigger` in a SQL text, keyed by what it defines. */
function definitions(source: string, sql: string): Definition[] {
  const text = withoutComments(sql);
  return [...text.matchAll(DEFINITION)].map((m) => {
    const kind = m[1].toLowerCase().endsWith('view') ? 'view' : (m[1].toLowerCase() as 'function' | 'trigger');
    let name = m[2].replaceAll('"', '').toLowerCase();
    if (kind === 'trigger') {
      // a trigger is named per table: "<name> on <schema.table>"
      const rest = text.slice(m.index + m[0].length);
      name += ` on ${TRIGGER_TABLE.exec(rest.slice(0, rest.indexOf(';')))?.[1]?.replaceAll('"', '').toLowerCase() ?? '?'}`;
    } else if (!name.includes('.')) {
      name = `public.${name}`;
    }
    return { kind, key: `${kind} ${name}`, source };
  });
}

async function sources() {
  const migrations = (await readMigrations()).map((m) => ({ source: `migrations/${m.version}_${m.name}.sql`, sql: m.sql }));
  const routines = (await readRoutines()).map((r) => ({ source: `routines/${r.file}`, sql: r.sql }));
  return { migrations, routines };
}

describe('source files', () => {
  it('the parser finds what it must (a test that cannot fail is a defect)', () => {
    const found = definitions('x.sql', `
      -- create function commented.out() is ignored
      create or replace function traqora.a(p int) returns int language sql as $$ select 1 $$;
      create function b() returns int language sql as $$ select 2 $$;
      create or replace trigger t before update on traqora.flights for each row execute function traqora.a();
      create constraint trigger c after insert on traqora.ledger_postings deferrable initially deferred for each row execute function traqora.a();
      create view traqora.v as select 1;`);
    expect(found.map((d) => d.key)).toEqual([
      'function traqora.a', 'function public.b', 'trigger t on traqora.flights', 'trigger c on traqora.ledger_postings', 'view traqora.v']);
  });

  it('catches the layout before routines: restated and stale functions in the migrations at ba9a7af', async () => {
    const legacy = await readMigrations('tests/fixtures/migrations-ba9a7af');
    const all = legacy.flatMap((m) => definitions(m.version, m.sql)).filter((d) => d.kind === 'function');
    const twice = [...new Set(all.filter((d, i) => all.findIndex((e) => e.key === d.key) !== i).map((d) => d.key))].sort();
    expect(twice).toEqual(['function public.chain_reconciliation', 'function public.confirm_cancellation', 'function public.expire_holds',
      'function public.get_booking', 'function public.pay_booking', 'function traqora.release_booking']);
  });

  it('no migration defines a function, trigger or view, or grants execute', async () => {
    const { migrations } = await sources();
    const offenders = migrations.flatMap((m) => [
      ...definitions(m.source, m.sql).map((d) => `${m.source}: ${d.key}`),
      ...[...withoutComments(m.sql).matchAll(/\b(grant|revoke)\s+execute\s+on\s+function\b/gi)].map(() => `${m.source}: grant/revoke execute`),
    ]);
    expect(offenders).toEqual([]);
  });

  it('every function, trigger and view is defined exactly once across supabase/routines', async () => {
    const { routines } = await sources();
    const all = routines.flatMap((r) => definitions(r.source, r.sql));
    expect(all.length).toBeGreaterThan(60);
    const byKey = new Map<string, string[]>();
    for (const d of all) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d.source]);
    const twice = [...byKey].filter(([, where]) => where.length > 1).map(([key, where]) => `${key}: ${where.join(', ')}`);
    expect(twice).toEqual([]);
  });
});

describe('the migrated catalog', () => {
  let t: TestDatabase;
  let routines: Awaited<ReturnType<typeof sources>>['routines'];
  beforeAll(async () => {
    t = await openTestDatabase();
    routines = (await sources()).routines;
  });
  afterAll(async () => { await t?.close(); });

  // Functions an extension installed are the extension's, not ours.
  const OURS = `from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('traqora', 'public')
      and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`;

  it('every function in traqora and public is defined in a routines file, with no stale overload', async () => {
    const defined = new Set(routines.flatMap((r) => definitions(r.source, r.sql)).filter((d) => d.kind === 'function').map((d) => d.key));
    const rows = await t.sql<{ name: string; overloads: string[] }>(`
      select n.nspname || '.' || p.proname as name, array_agg(p.oid::regprocedure::text order by p.oid) as overloads
      ${OURS} group by 1 order by 1`);
    expect(rows.length).toBeGreaterThan(60);
    expect(rows.filter((r) => !defined.has(`function ${r.name}`)).map((r) => r.name)).toEqual([]);
    expect(rows.filter((r) => r.overloads.length > 1).map((r) => r.overloads.join(' | '))).toEqual([]);
  });

  it('every function body in the database is the one in supabase/routines', async () => {
    const text = routines.map((r) => r.sql).join('\n');
    const rows = await t.sql<{ fn: string; src: string }>(`select p.oid::regprocedure::text as fn, p.prosrc as src ${OURS}`);
    expect(rows.filter((r) => !text.includes(r.src)).map((r) => r.fn)).toEqual([]);
  });

  it('every trigger on a traqora table is defined in a routines file', async () => {
    const defined = new Set(routines.flatMap((r) => definitions(r.source, r.sql)).filter((d) => d.kind === 'trigger').map((d) => d.key));
    const rows = await t.sql<{ key: string }>(`
      select 'trigger ' || tg.tgname || ' on ' || n.nspname || '.' || c.relname as key
      from pg_trigger tg join pg_class c on c.oid = tg.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'traqora' and not tg.tgisinternal`);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.map((r) => r.key).filter((k) => !defined.has(k))).toEqual([]);
  });
});
