import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { bookingsQuery, type BookingsQuery } from '@/lib/admin/query';
import { demoDataSql } from '@/lib/db/demo-data';
import { adults, book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The console's bookings: every filter agrees with the same question asked in plain SQL, the
// cursor neither skips nor repeats a row (even while bookings arrive), the CSV holds exactly the
// filtered rows, and a cancellation on a traveller's behalf is audited with its reason.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;
let admin: Viewer;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 10 });
  state.db = t.db;
  admin = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'admin', name: 'Booking Admin' })), source: 'dev' };
  state.viewer = admin;
  await t.db.sql.transaction((tx) => tx.exec(demoDataSql(400, { routes: 6, travellers: 40 })));
}, 120_000);
afterAll(async () => { await t?.close(); });

const q = (raw: Record<string, string>): BookingsQuery => bookingsQuery.parse(raw);

async function allPnrs(raw: Record<string, string>, limit = 37): Promise<string[]> {
  const { listAdminBookings } = await import('@/lib/admin/bookings');
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAdminBookings({ ...q(raw), cursor, limit });
    expect(page.data.length).toBeLessThanOrEqual(limit);
    seen.push(...page.data.map((r) => r.pnr));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}
const pnrs = async (where: string, order = 'b.created_at desc, b.id desc', values: unknown[] = []) =>
  (await t.sql<{ pnr: string }>(`select b.pnr from traqora.bookings b where ${where} order by ${order}`, values)).map((r) => r.pnr);

describe('admin bookings list', () => {
  it('pages through every booking once, in either sort and direction', async () => {
    expect((await pnrs('true')).length).toBeGreaterThan(300);
    expect(await allPnrs({})).toEqual(await pnrs('true'));
    expect(await allPnrs({ sort: 'total', dir: 'asc' }, 50)).toEqual(await pnrs('true', 'b.total_minor asc, b.id asc'));
    expect(await allPnrs({ sort: 'created_at', dir: 'asc' }, 61)).toEqual(await pnrs('true', 'b.created_at asc, b.id asc'));
  });

  it('keeps its place while new bookings arrive between pages', async () => {
    const { listAdminBookings } = await import('@/lib/admin/bookings');
    const before = await pnrs('true');
    const first = await listAdminBookings({ ...q({}), limit: 25 });
    const user = await traveller(t, 'Late Arrival');
    await book(t, user, await nonstop(t, 'JFK', 'LHR'));
    const rest: string[] = [];
    let cursor = first.nextCursor ?? undefined;
    while (cursor) {
      const page = await listAdminBookings({ ...q({}), cursor, limit: 100 });
      rest.push(...page.data.map((r) => r.pnr));
      cursor = page.nextCursor ?? undefined;
    }
    expect([...first.data.map((r) => r.pnr), ...rest]).toEqual(before);
  });

  it('filters exactly as the same question in SQL', async () => {
    expect(await allPnrs({ status: 'refunded,cancelled', rail: 'soroban' }))
      .toEqual(await pnrs("b.status in ('refunded', 'cancelled') and b.payment_rail = 'soroban'"));
    expect(await allPnrs({ min_total: '30000', max_total: '60000', sort: 'total', dir: 'desc' }))
      .toEqual(await pnrs('b.total_minor between 30000 and 60000', 'b.total_minor desc, b.id desc'));
    const [seg] = await t.sql<{ airline: string; origin: string; destination: string }>(
      'select s.airline, f.origin, f.destination from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id limit 1');
    const onAirline = await pnrs('exists (select 1 from traqora.booking_segments s where s.booking_id = b.id and s.airline = $1)', undefined, [seg.airline]);
    expect(onAirline.length).toBeGreaterThan(0);
    expect(await allPnrs({ airline: seg.airline.toLowerCase() })).toEqual(onAirline);
    expect(await allPnrs({ origin: seg.origin, destination: seg.destination })).toEqual(await pnrs(
      `exists (select 1 from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id where s.booking_id = b.id and f.origin = $1)
       and exists (select 1 from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id where s.booking_id = b.id and f.destination = $2)`,
      undefined, [seg.origin, seg.destination]));
    const mid = (await t.sql<{ at: string }>("select (min(created_at) + (max(created_at) - min(created_at)) / 2)::date::text as at from traqora.bookings"))[0].at;
    expect(await allPnrs({ from: mid, status: 'paid' })).toEqual(await pnrs("b.created_at >= $1::date and b.status = 'paid'", undefined, [mid]));
    expect(await allPnrs({ to: mid })).toEqual(await pnrs("b.created_at < $1::date + 1", undefined, [mid]));
  });

  it('finds a booking by PNR, email, passenger name, transaction hash and wallet', async () => {
    const [row] = await t.sql<{ pnr: string; email: string; family: string; tx_hash: string; payer: string }>(
      `select b.pnr, b.contact ->> 'email' as email, p.family_name as family, c.tx_hash, c.payer from traqora.bookings b
       join traqora.booking_passengers p on p.booking_id = b.id and p.seq = 1 join traqora.chain_payments c on c.booking_id = b.id limit 1`);
    expect(await allPnrs({ q: row.pnr.toLowerCase() })).toContain(row.pnr);
    expect(await allPnrs({ q: row.tx_hash.toUpperCase() })).toEqual([row.pnr]);
    expect(await allPnrs({ q: row.payer })).toEqual(await pnrs(
      `b.id in (select booking_id from traqora.chain_payments where payer = $1) or b.user_id in (select user_id from traqora.wallets where address = $1)`, undefined, [row.payer]));
    expect(await allPnrs({ q: row.email.slice(0, 12).toUpperCase() })).toEqual(await pnrs("lower(b.contact ->> 'email') like $1 or b.id in (select booking_id from traqora.booking_passengers where lower(given_name) like $1 or lower(family_name) like $1 or lower(given_name || ' ' || family_name) like $1)", undefined, [`${row.email.slice(0, 12).toLowerCase()}%`]));
    const byName = await allPnrs({ q: row.family });
    expect(byName).toContain(row.pnr);
    expect(byName).toEqual(await pnrs('b.id in (select booking_id from traqora.booking_passengers where lower(family_name) like $1 or lower(given_name) like $1) or lower(b.contact ->> \'email\') like $1', undefined, [`${row.family.toLowerCase()}%`]));
    expect(await allPnrs({ q: '%' })).toEqual([]);              // a literal %, not a wildcard
  });

  it('answers a prefix search the same by either route (sorting the matches, or walking the order and testing each booking)', async () => {
    // p_walk_above 0 always walks; 10^6 always sorts the matches: every page, cursor and filter must agree.
    const [row] = await t.sql<{ email: string; given: string; family: string }>(
      `select b.contact ->> 'email' as email, p.given_name as given, p.family_name as family from traqora.bookings b
       join traqora.booking_passengers p on p.booking_id = b.id and p.seq = 1 order by b.created_at limit 1`);
    const route = async (filter: Record<string, unknown>, sort: string, dir: string, walkAbove: number) => {
      const seen: string[] = [];
      let after: unknown = null;
      for (let i = 0; i < 100; i++) {
        const [page] = await t.sql<{ ids: string[]; next: unknown }>('select ids, next from traqora.admin_booking_page($1::jsonb, $2, $3, $4::jsonb, 23, $5)',
          [JSON.stringify(filter), sort, dir, after === null ? null : JSON.stringify(after), walkAbove]);
        seen.push(...page.ids);
        if (!page.next) return seen;
        after = page.next;
      }
      throw new Error('more than 100 pages');
    };
    const queries = [row.email.slice(0, 2), row.email.slice(0, 9).toUpperCase(), row.given.slice(0, 1), `${row.given} ${row.family.slice(0, 2)}`, row.family, 'zzzz-nobody'];
    let walked = 0;
    for (const text of queries) {
      for (const [filter, sort, dir] of [[{ q: text }, 'created_at', 'desc'], [{ q: text, status: ['paid', 'completed'] }, 'total', 'asc'],
        [{ q: text, rail: 'ledger' }, 'created_at', 'asc']] as const) {
        const sorted = await route(filter, sort, dir, 1_000_000);
        expect(await route(filter, sort, dir, 0), `${text} ${sort} ${dir}`).toEqual(sorted);
        walked += sorted.length;
      }
    }
    expect(walked).toBeGreaterThan(100);   // the prefixes matched something to compare
  });
});

async function get(path: string, viewer: Viewer | null = admin): Promise<Response> {
  state.viewer = viewer;
  const url = new URL(path, 'http://t.test');
  const file = url.pathname.endsWith('.csv') ? 'bookings.csv' : url.pathname.split('/').slice(4).join('/');
  const mod = await import(/* @vite-ignore */ `@/app/api/v1/admin/${file}/route`);
  try {
    return await mod.GET(new NextRequest(url), { params: Promise.resolve({}) });
  } finally {
    state.viewer = admin;
  }
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  return rows;
}

describe('GET /api/v1/admin/bookings.csv', () => {
  it('holds exactly the filtered rows, in the list’s order, whatever the page size', async () => {
    const filter = { status: 'completed,refunded', sort: 'total', dir: 'desc' };
    const res = await get(`/api/v1/admin/bookings.csv?${new URLSearchParams(filter)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(await res.text());
    const { BOOKINGS_CSV_HEADER, bookingsCsv } = await import('@/lib/admin/bookings-csv');
    expect(header).toEqual([...BOOKINGS_CSV_HEADER]);
    const expected = await allPnrs(filter, 200);
    expect(expected.length).toBeGreaterThan(100);
    expect(rows.map((r) => r[0])).toEqual(expected);
    // small pages: the stream crosses many page boundaries and still writes each row once
    const paged = parseCsv(await new Response(await bookingsCsv(q(filter), 17)).text());
    expect(paged.slice(1).map((r) => r[0])).toEqual(expected);
    const one = rows[0];
    const [db] = await t.sql<{ total_minor: number; status: string }>('select total_minor::int, status from traqora.bookings where pnr = $1', [one[0]]);
    expect([Number(one[6]), one[1]]).toEqual([db.total_minor, db.status]);
  });

  it('writes in SQL exactly the lines csvField would write from the list’s rows, formula guard and quoting included', async () => {
    const { listAdminBookings } = await import('@/lib/admin/bookings');
    const { bookingCells, bookingsCsv } = await import('@/lib/admin/bookings-csv');
    const { csvLine } = await import('@/lib/admin/csv');
    // Text a spreadsheet would run, and text that needs quoting, written behind the functions' back.
    const [a, b, c] = await t.sql<{ id: string }>('select id from traqora.bookings order by created_at desc, id desc limit 3');
    await t.sql(`update traqora.booking_passengers set given_name = '-Ann' where booking_id = $1 and seq = 1`, [a.id]);
    await t.sql(`update traqora.bookings set contact = jsonb_set(contact, '{email}', to_jsonb('=HYPERLINK("http://x"),a@b.example'::text)) where id = $1`, [b.id]);
    await t.sql(`update traqora.bookings set contact = jsonb_set(contact, '{email}', to_jsonb(e'\t@evil\r\n"x"@example.com'::text)) where id = $1`, [c.id]);
    const expected: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAdminBookings({ ...q({}), cursor, limit: 200 });
      expected.push(...page.data.map((r) => csvLine(bookingCells(r))));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const text = await new Response(await bookingsCsv(q({}), 97)).text();
    const lines = text.split(/(?<=\r\n)(?=[A-Z0-9]{6},)/);   // a line starts with a PNR; quoted fields may hold CR LF
    expect(lines.slice(1)).toEqual(expected);
    expect(text).toMatch(/,'-Ann [^,]+,/);
    expect(text).toContain(`,"'=HYPERLINK(""http://x""),a@b.example",`);
    expect(text).toContain(`,"'\t@evil\r\n""x""@example.com",`);
  });

  it('refuses bad filters with a 400 naming the field before any CSV is written', async () => {
    const res = await get('/api/v1/admin/bookings.csv?status=lost');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual(['query.status.0']);
    for (const [query, field] of [['min_total=-1', 'query.min_total'], ['from=2026-02-30', 'query.from'], ['to=yesterday', 'query.to'],
      ['from=2026-05-01&to=2026-04-01', 'query.to'], ['cursor=abc', 'query.cursor'], ['sort=pnr', 'query.sort'], ['origin=LONDON', 'query.origin']] as const) {
      const bad = await get(`/api/v1/admin/bookings?${query}`);
      expect(bad.status, query).toBe(400);
      expect((await bad.json()).errors.map((e: { field: string }) => e.field), query).toEqual([field]);
    }
  });
});

describe('cancelling on a traveller’s behalf', () => {
  it('executes the quote under the fare’s rules, writes one audit row with the reason, and replays without another', async () => {
    const { cancelAdminBooking, getAdminBooking, quoteAdminCancellation } = await import('@/lib/admin/bookings');
    const user = await traveller(t, 'Cancel Me');
    const { booking } = await book(t, user, await nonstop(t, 'JFK', 'LHR'), { family: 'flex', passengers: adults(1) });
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 10_000_000 });
    const support = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'support', name: 'Sam Cancel' })), source: 'dev' as const };
    const quote = await quoteAdminCancellation(support.id, booking.pnr);
    expect(quote.refund_minor).toBe(booking.price.total_minor);        // flex: refundable in full
    const ctx = { actor: support.id, role: 'support' as const, reason: 'Traveller called: family emergency', ip: '203.0.113.7', request_id: 'cancel-req-0001' };

    await expect(cancelAdminBooking({ ...ctx, reason: null }, booking.pnr, quote.id)).rejects.toMatchObject({ status: 400, field: 'reason' });
    const done = await cancelAdminBooking(ctx, booking.pnr, quote.id);
    expect(done.booking).toMatchObject({ status: 'refunded', refund_minor: booking.price.total_minor });
    const again = await cancelAdminBooking(ctx, booking.pnr, quote.id);
    expect(again.replayed).toBe(true);

    const audit = await t.sql<{ action: string; actor: string; actor_role: string; reason: string; before: { status: string }; after: { status: string; refund_minor: number } }>(
      "select * from traqora.audit_log where resource_type = 'booking' and resource_id = $1", [booking.pnr]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'booking.cancelled', actor: support.id, actor_role: 'support', reason: ctx.reason,
      before: { status: 'paid' }, after: { status: 'refunded', refund_minor: booking.price.total_minor } });
    const detail = await getAdminBooking(booking.pnr);
    expect(detail.audit.map((a) => a.action)).toEqual(['booking.cancelled']);
    expect(detail.user.id).toBe(user);
    expect(detail.timeline.map((e) => e.status)).toEqual(['held', 'paid', 'refunded']);
    const events = await t.sql<{ type: string }>("select type from traqora.domain_events where aggregate_id = $1 and type in ('booking.cancelled', 'booking.refunded') order by id", [booking.id]);
    expect(events.map((e) => e.type)).toEqual(['booking.cancelled', 'booking.refunded']);
    const verdict = await t.db.call<{ ok: boolean }>('verify_audit_chain');
    expect(verdict.ok).toBe(true);
  });

  it('no longer lets an admin cancel someone else’s booking through the traveller endpoints (unaudited)', async () => {
    const { quoteCancellation } = await import('@/lib/bookings/manage');
    const user = await traveller(t, 'Not Yours');
    const { booking } = await book(t, user, await nonstop(t, 'JFK', 'LHR'));
    await expect(quoteCancellation(admin, booking.pnr)).rejects.toMatchObject({ status: 404, field: 'pnr' });
  });
});
