import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { demoDataSql } from '@/lib/db/demo-data';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The airline portal's and the audit log's CSV exports are written by the database
// (airline_bookings_csv, admin_audit_csv), a page of lines per query. Their text must be
// byte for byte what the server wrote before from the lists' rows (csvLine of the same cells):
// quoting, the spreadsheet-formula guard, unicode, nulls, JSON columns, across page boundaries.

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));

let t: TestDatabase;
let admin: Viewer;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 10 });
  state.db = t.db;
  admin = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'admin', name: '=Audit "Admin", Zoë' })), source: 'dev' };
  await t.db.sql.transaction((tx) => tx.exec(demoDataSql(300, { routes: 6, travellers: 30 })));
}, 120_000);
afterAll(async () => { await t?.close(); });

const text = async (stream: Promise<ReadableStream<Uint8Array>>) => new Response(await stream).text();

describe('airline portal CSV from SQL text', () => {
  let airline: string;
  beforeAll(async () => {
    [{ airline }] = await t.sql<{ airline: string }>(
      'select s.airline from traqora.booking_segments s group by s.airline order by count(*) desc limit 1');
    // Names a spreadsheet would run or that need quoting, and unicode, written behind the functions' back.
    // The passenger tables allow only letters, apostrophes, spaces and hyphens today; the CSV must
    // not depend on that, so the scratch database drops the checks to hold hostile names too.
    await t.sql('alter table traqora.booking_passengers drop constraint booking_passengers_given_name_check, drop constraint booking_passengers_family_name_check');
    const rows = await t.sql<{ booking_id: string }>(
      'select s.booking_id from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id where s.airline = $1 order by f.departs_at, f.id, s.booking_id, s.seq limit 5', [airline]);
    const names = [['=1+1', 'Smith'], ['Ann', '-Ünïcødé, "Q"'], ['@SUM(A1)', '\tTab\r\nLine'], ['Zoë', 'Østergård 李'], ['-Ann', "O'Brien"]];
    // no rail and no paid_at, as on an unpaid hold: the CSV's empty fields, not "null"
    await t.sql('update traqora.bookings set paid_at = null, payment_rail = null where id = $1', [rows[0].booking_id]);
    for (const [i, r] of rows.entries()) {
      await t.sql('update traqora.booking_passengers set given_name = $2, family_name = $3 where booking_id = $1 and seq = 1', [r.booking_id, ...names[i]]);
    }
  });

  const parse = async (raw: Record<string, string>) => (await import('@/lib/airline/schema')).airlineBookingsQuery.parse(raw);

  async function expectedLines(raw: Record<string, string>): Promise<string[]> {
    const query = await parse(raw);
    const { listAirlineBookings } = await import('@/lib/airline/portal');
    const { airlineBookingCells } = await import('@/lib/airline/bookings-csv');
    const { csvLine } = await import('@/lib/admin/csv');
    const lines: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAirlineBookings(airline, { ...query, cursor, limit: 200 });
      lines.push(...page.data.map((r) => csvLine(airlineBookingCells(r))));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return lines;
  }

  it('writes exactly the lines the server wrote from the list’s rows, whatever the page size', async () => {
    const { airlineBookingsCsv, AIRLINE_CSV_HEADER } = await import('@/lib/airline/bookings-csv');
    const { csvLine } = await import('@/lib/admin/csv');
    const expected = await expectedLines({});
    expect(expected.length).toBeGreaterThan(50);
    const header = csvLine(AIRLINE_CSV_HEADER);
    for (const pageRows of [1, 7, 5000]) {
      expect(await text(airlineBookingsCsv(airline, await parse({}), pageRows)), `pages of ${pageRows}`).toBe(header + expected.join(''));
    }
    const all = await text(airlineBookingsCsv(airline, await parse({}), 13));
    expect(all).toContain(`,'=1+1 Smith,`);
    expect(all).toContain(`,"Ann -Ünïcødé, ""Q""",`);
    expect(all).toContain(`,"'@SUM(A1) \tTab\r\nLine",`);
    expect(all).toContain(',Zoë Østergård 李,');
    expect(all).toContain(",'-Ann O'Brien,");
    expect(all).toMatch(/^[A-Z0-9]{6},[a-z]+,[^\r\n]*,'=1\+1 Smith,\d+,USD,,\r\n/m);
  });

  it('pages walk exactly the rows of one unpaged read, in its order, by either read path (index walk; a booking filter’s join)', async () => {
    const unpaged = async (where: string, values: unknown[]) => (await t.sql<{ k: string }>(
      `select s.booking_id || ':' || s.seq as k from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id
       join traqora.bookings b on b.id = s.booking_id where s.airline = $1 ${where} order by f.departs_at, f.id, s.booking_id, s.seq`,
      [airline, ...values])).map((r) => r.k);
    const paged = async (filter: Record<string, unknown>, limit: number) => {
      const keys: string[] = [];
      let after: unknown = null;
      do {
        const page = await t.db.call<{ data: { booking_id: string; seq: number }[]; next: unknown }>('airline_bookings', { airline, filter, after, limit });
        keys.push(...page.data.map((r) => `${r.booking_id}:${r.seq}`));
        after = page.next;
      } while (after);
      return keys;
    };
    const [mid] = await t.sql<{ day: string; flight: number; pnr: string }>(
      `select (f.departs_at at time zone 'UTC')::date::text as day, f.flight_number as flight, b.pnr from traqora.booking_segments s
       join traqora.flights f on f.id = s.flight_id join traqora.bookings b on b.id = s.booking_id
       where s.airline = $1 order by f.departs_at, f.id, s.booking_id, s.seq offset 40 limit 1`, [airline]);
    const cases: [Record<string, unknown>, string, unknown[]][] = [
      [{}, '', []],
      [{ from: mid.day }, `and f.departs_at >= $2::date`, [mid.day]],
      [{ to: mid.day }, `and f.departs_at < $2::date + 1`, [mid.day]],
      [{ flight: mid.flight }, 'and f.flight_number = $2', [mid.flight]],
      [{ status: 'paid' }, 'and b.status = $2', ['paid']],
      [{ q: mid.pnr }, 'and b.pnr = $2', [mid.pnr]],
    ];
    for (const [filter, where, values] of cases) {
      const expected = await unpaged(where, values);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      for (const limit of [1, 7]) expect(await paged(filter, limit), `${JSON.stringify(filter)} in pages of ${limit}`).toEqual(expected);
    }
  });

  it('filters as the list does, and refuses an unknown airline and a bad status before writing anything', async () => {
    const { airlineBookingsCsv, AIRLINE_CSV_HEADER } = await import('@/lib/airline/bookings-csv');
    const { csvLine } = await import('@/lib/admin/csv');
    const raws: Record<string, string>[] = [{ status: 'paid' }, { q: 'Smi' }, { from: new Date().toISOString().slice(0, 10) }];
    for (const raw of raws) {
      const expected = await expectedLines(raw);
      expect(await text(airlineBookingsCsv(airline, await parse(raw), 11)), JSON.stringify(raw)).toBe(csvLine(AIRLINE_CSV_HEADER) + expected.join(''));
    }
    await expect(airlineBookingsCsv('ZZ', await parse({}))).rejects.toMatchObject({ status: 404 });
    await expect(airlineBookingsCsv(airline, { ...(await parse({})), status: 'lost' as never })).rejects.toMatchObject({ status: 400 });
  });
});

describe('audit log CSV from SQL text', () => {
  beforeAll(async () => {
    const ctx = (reason: string | null, extra: Record<string, unknown> = {}) => JSON.stringify({ actor: admin.id, role: 'admin', reason, ip: '203.0.113.9', request_id: 'req-1', ...extra });
    const append = (c: string, action: string, id: string, before: unknown, after: unknown) =>
      t.sql('select traqora.audit_append($1::jsonb, $2, $3, $4, $5::jsonb, $6::jsonb)', [c, action, 'csv_test', id, before === undefined ? null : JSON.stringify(before), after === undefined ? null : JSON.stringify(after)]);
    await append(ctx('=HYPERLINK("http://x"), now'), 'csv_test.formula', '+1', { status: 'paid', n: 1 }, { status: 'refunded', n: 2 });
    await append(ctx(null, { ip: null, request_id: null }), 'csv_test.nulls', '-', undefined, null);
    await append(ctx('Zoë’s "refund", line\r\nbreak'), 'csv_test.unicode', '@id',
      { name: 'Ünïcødé 李', quote: 'say "hi"', ctrl: '\t\b\f\u0001', slash: 'a/b\\c', empty: {}, list: [] },
      { nested: { a: [1, 2.5, 1.5, 0.1, -3, true, false, null, 'x'], b: { c: 'd' } }, big: 123456789012 });
    // keys JavaScript orders first (array indices), and numbers jsonb keeps with trailing zeros
    await t.sql(`select traqora.audit_append($1::jsonb, 'csv_test.keys', 'csv_test', 'k', '{"b": 1, "10": 2, "2": 3, "a": 1.50, "x": 2.0}'::jsonb, '[{"z": -0.25}]'::jsonb)`, [ctx('keys')]);
  });

  it('writes JSON as JSON.stringify does after JSON.parse, by the short way and by the walk alike', async () => {
    const values = [
      { status: 'paid', n: 1, ok: true, none: null, list: [1, 'a', { b: [] }], empty: {} },
      { 'a, b': 'x: y, z', q: 'he said "a, b": c\\d', nested: { k: [1, 2, { x: 'y' }] }, big: 123456789012, neg: -7 },
      { ctrl: '\t\b\f\u0001\u001f', slash: 'a/b', uni: 'Zoë 李 😀', '': 'empty key' },
      [1.5, 0.1, -0.25, 2.5e-3, 100, 1e14],
      'just text, with: separators', 42, true, null,
    ];
    for (const v of values) {
      const [r] = await t.sql<{ short: string; walk: string; jsonb: string }>(
        'select traqora.json_compact($1::jsonb) as short, traqora.json_compact_walk($1::jsonb) as walk, $1::jsonb::text as jsonb', [JSON.stringify(v)]);
      expect(r.short, r.jsonb).toBe(JSON.stringify(JSON.parse(r.jsonb)));
      expect(r.walk, r.jsonb).toBe(r.short);
    }
    // array-index keys and trailing zeros only the walk gets right; the short way must leave them to it
    for (const text of ['{"b": 1, "10": 2, "2": 3}', '{"a": 1.50}', '{"a": 2.0}', '[1E+2, 1234567890123]']) {
      const [r] = await t.sql<{ short: string; jsonb: string }>('select traqora.json_compact($1::jsonb) as short, $1::jsonb::text as jsonb', [text]);
      expect(r.short, text).toBe(JSON.stringify(JSON.parse(r.jsonb)));
    }
  });

  async function expectedLines(filter: Record<string, string>): Promise<string[]> {
    const { listAudit } = await import('@/lib/admin/audit');
    const { auditCells } = await import('@/lib/admin/audit-csv');
    const { csvLine } = await import('@/lib/admin/csv');
    const lines: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAudit({ ...filter, cursor, limit: 200 });
      lines.push(...page.data.map((a) => csvLine(auditCells(a))));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return lines;
  }

  it('writes exactly the lines the server wrote from the list’s rows, JSON columns included', async () => {
    const { auditCsv, AUDIT_CSV_HEADER } = await import('@/lib/admin/audit-csv');
    const { csvLine } = await import('@/lib/admin/csv');
    const expected = await expectedLines({});
    expect(expected.length).toBeGreaterThanOrEqual(4);
    for (const pageRows of [1, 2, 5000]) {
      expect(await text(auditCsv({}, pageRows)), `pages of ${pageRows}`).toBe(csvLine(AUDIT_CSV_HEADER) + expected.join(''));
    }
    const all = await text(auditCsv({ resource_type: 'csv_test' }));
    expect(all).toContain(`,"'=HYPERLINK(""http://x""), now",`);
    expect(all).toContain(`,'+1,`);
    expect(all).toContain(',csv_test.nulls,csv_test,\'-,,null,null,,,');
    expect(all).toContain(`"{""2"":3,""10"":2,""a"":1.5,""b"":1,""x"":2}"`);
    expect(all).toContain(`"[{""z"":-0.25}]"`);
    expect(all).toContain('Ünïcødé 李');
    expect(all).toContain(`'=Audit ""Admin"", Zoë`);
  });

  it('filters as the list does', async () => {
    const { auditCsv, AUDIT_CSV_HEADER } = await import('@/lib/admin/audit-csv');
    const { csvLine } = await import('@/lib/admin/csv');
    const filters: Record<string, string>[] = [{ resource_type: 'csv_test' }, { action: 'csv_test.keys' }, { actor: admin.id }, { resource_type: 'csv_test', resource_id: '@id' },
      { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() }, { action: 'nothing.here' }];
    for (const filter of filters) {
      expect(await text(auditCsv(filter, 2)), JSON.stringify(filter)).toBe(csvLine(AUDIT_CSV_HEADER) + (await expectedLines(filter)).join(''));
    }
  });
});
