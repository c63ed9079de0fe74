import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NextRequest } from 'next/server';
import type { Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { distribute, holder } from '@/tests/support/governance-fixtures';

// The console lists that answered without a cursor (issue #14's "cursors everywhere"), called as
// a client calls them, through their routes: walking the pages while rows are written meanwhile
// sees every row that existed when paging began exactly once, and a cursor the list did not
// issue is a 400 naming query.cursor.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: undefined as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;
let adminId: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 3 });
  state.db = t.db;
  const admin = await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'admin', name: 'Cursor Admin' });
  state.viewer = { ...admin, source: 'dev' };
  adminId = admin.id;
});
afterAll(async () => { await t?.close(); });

type Route = { GET: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> };
async function get<T>(route: Route, url: string, params: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const { NextRequest } = await import('next/server');
  const res = await route.GET(new NextRequest(new URL(url, 'http://t.test')), { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() as T };
}
const fields = (body: unknown) => ((body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

/** Follows nextCursor to the end, calling `between` after each page. */
async function walk<T>(route: Route, url: string, between: () => Promise<void>, params: Record<string, string> = {}): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const { status, body }: { status: number; body: { data: T[]; nextCursor: string | null } } = await get(route, cursor ? `${url}${sep}cursor=${cursor}` : url, params);
    expect(status).toBe(200);
    rows.push(...body.data);
    cursor = body.nextCursor;
    pages++;
    await between();
  } while (cursor && pages < 50);
  return { rows, pages };
}

describe('GET /admin/reconciliation', () => {
  let event = 0;
  // An escrow payment for on-chain booking `id` (one the app does not know: an unknown_booking row).
  const paid = (id: number) => t.sql(
    `insert into traqora.chain_events (id, stream, ledger, closed_at, contract_id, contract, action, event, topics, fields, booking_id, topic_xdr, value_xdr, tx_hash, successful)
     values ($1, 'traqora', $2, now(), $3, 'escrow', 'paid', 'BookingPaid', '[]', $4, $5, '{}', '', $6, true)`,
    [`${5000 + event}-${event}`, 1000 + event++, `C${'A'.repeat(55)}`, JSON.stringify({ amount: '100' }), String(id), 'a'.repeat(64)]);

  it('pages every segment once by on-chain booking id while escrow events land', async () => {
    const route = await import('@/app/api/v1/admin/reconciliation/route');
    const before = [7, 12, 95, 100, 101, 3000, 40, 99999999999];
    for (const id of before) await paid(id);
    // new bookings land on both sides of the cursor; an event for a booking already listed moves its state, not its place
    const arriving = [1, 500, 2, 10_000_000, 8];
    let k = 0;
    const { rows, pages } = await walk<{ booking_id: string; ok: boolean; problem?: string }>(route, '/api/v1/admin/reconciliation?limit=3',
      async () => { if (k < arriving.length) await paid(arriving[k++]); await paid(100); });
    const ids = rows.map((r) => r.booking_id);
    expect(new Set(ids).size).toBe(ids.length);                                    // no repeats
    expect(ids.filter((id) => before.includes(Number(id)))).toEqual([...before].sort((a, b) => a - b).map(String)); // no gaps, in key order
    expect(ids).toEqual([...ids].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)));
    expect(pages).toBeGreaterThan(2);
    expect(k).toBeGreaterThan(2);
    expect(rows.find((r) => r.booking_id === '7')).toMatchObject({ ok: false, problem: 'unknown_booking' });
    const all = await get<{ data: unknown[]; nextCursor: string | null }>(route, '/api/v1/admin/reconciliation?limit=100');
    expect(all.body.data).toHaveLength(before.length + k);                          // every arrival is there on a fresh walk
    expect(all.body.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not issue and an unbounded limit', async () => {
    const route = await import('@/app/api/v1/admin/reconciliation/route');
    const forged = Buffer.from(JSON.stringify({ booking_id: '1; drop table x' })).toString('base64url');
    for (const cursor of ['abc', forged]) {
      const res = await get(route, `/api/v1/admin/reconciliation?cursor=${cursor}`);
      expect({ status: res.status, fields: fields(res.body) }).toEqual({ status: 400, fields: ['query.cursor'] });
    }
    const res = await get(route, '/api/v1/admin/reconciliation?limit=1000');
    expect({ status: res.status, fields: fields(res.body) }).toEqual({ status: 400, fields: ['query.limit'] });
  });
});

describe('GET /governance/treasury', () => {
  type Treasury = { data: { treasury: string; distributions: { id: string; reason: string }[] }; nextCursor: string | null };
  it('pages the distributions newest first with no repeat and no gap while airdrops go out', async () => {
    const route = await import('@/app/api/v1/governance/treasury/route');
    const who = await holder(t, 'Airdrop Receiver');
    for (let i = 0; i < 6; i++) await distribute(t, adminId, [[who, 1n]], `before ${i}`);
    const before = (await t.sql<{ id: string }>('select id from traqora.trq_distributions order by at desc, id desc')).map((r) => r.id);
    expect(before.length).toBeGreaterThanOrEqual(6);      // the dev personas' seeds are distributions too
    let n = 0;
    const { rows, pages } = await walk<{ id: string }>(
      { GET: async (req, ctx) => {
        const res = await route.GET(req, ctx);
        const body = await res.clone().json() as Treasury;
        return Response.json({ data: body.data.distributions, nextCursor: body.nextCursor }, { status: res.status });
      } },
      '/api/v1/governance/treasury?limit=4',
      async () => { await distribute(t, adminId, [[who, 1n]], `during ${n++}`); });
    expect(pages).toBe(Math.ceil(before.length / 4));
    expect(rows.map((r) => r.id)).toEqual(before);
    const all = await get<Treasury>(route, '/api/v1/governance/treasury?limit=100');
    expect(all.body.data.distributions).toHaveLength(before.length + n);
    expect(all.body.data.treasury).toMatch(/^\d+$/);
    expect(all.body.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not issue', async () => {
    const route = await import('@/app/api/v1/governance/treasury/route');
    for (const cursor of ['abc', Buffer.from(JSON.stringify({ at: 'now', id: 1 })).toString('base64url')]) {
      const res = await get(route, `/api/v1/governance/treasury?cursor=${cursor}`);
      expect({ status: res.status, fields: fields(res.body) }).toEqual({ status: 400, fields: ['query.cursor'] });
    }
  });
});

describe('GET /admin/multisig/proposals', () => {
  let event = 0;
  const multisig = (action: string, fields: Record<string, unknown>) => t.sql(
    `insert into traqora.chain_events (id, stream, ledger, closed_at, contract_id, contract, action, event, topics, fields, topic_xdr, value_xdr, tx_hash, successful)
     values ($1, 'traqora', $2, now(), $3, 'multisig', $4, $4, '[]', $5, '{}', '', $6, true)`,
    [`${9000 + event}-${event}`, 2000 + event++, `C${'B'.repeat(55)}`, action, JSON.stringify(fields), 'b'.repeat(64)]);
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
  const propose = (id: number, expires = inAnHour()) => multisig('proposed', { proposal_id: String(id), proposer: 'GSIGNER', action: ['SetThreshold', 2], expires_at: String(expires) });

  it('pages the open proposals newest first by id while signers propose, leaving out executed and expired ones', async () => {
    const route = await import('@/app/api/v1/admin/multisig/proposals/route');
    for (const id of [1, 2, 3, 4, 5, 9, 10, 11]) await propose(id);
    await multisig('executed', { proposal_id: '4' });
    await propose(6, Math.floor(Date.now() / 1000) - 60);          // lapsed
    await multisig('signers_changed', { threshold: 2, signers: ['GA', 'GB', 'GC'] });
    let next = 12;
    type State = { threshold: number; proposals: { id: string }[] };
    const { rows, pages } = await walk<{ id: string }>(
      { GET: async (req, ctx) => {
        const res = await route.GET(req, ctx);
        const body = await res.clone().json() as { data: State; nextCursor: string | null };
        expect(body.data.threshold).toBe(2);
        return Response.json({ data: body.data.proposals, nextCursor: body.nextCursor }, { status: res.status });
      } },
      '/api/v1/admin/multisig/proposals?limit=3',
      async () => { await propose(next++); });
    expect(rows.map((r) => r.id)).toEqual(['11', '10', '9', '5', '3', '2', '1']);
    expect(pages).toBe(3);
    const all = await get<{ data: State; nextCursor: string | null }>(route, '/api/v1/admin/multisig/proposals');
    expect(all.body.data.proposals.map((p) => p.id).slice(0, 3)).toEqual(['14', '13', '12']);
    expect(all.body.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not issue', async () => {
    const route = await import('@/app/api/v1/admin/multisig/proposals/route');
    for (const cursor of ['abc', Buffer.from(JSON.stringify({ id: -1 })).toString('base64url')]) {
      const res = await get(route, `/api/v1/admin/multisig/proposals?cursor=${cursor}`);
      expect({ status: res.status, fields: fields(res.body) }).toEqual({ status: 400, fields: ['query.cursor'] });
    }
  });
});

describe('GET /admin/loyalty/members/{id}', () => {
  it('pages the member’s history newest first with no repeat and no gap while points are posted', async () => {
    const route = await import('@/app/api/v1/admin/loyalty/members/[id]/route');
    const member = await holder(t, 'Paged Member');
    await t.db.call('loyalty_enrol', { user_id: member });
    let n = 0;
    const adjust = () => t.db.call('loyalty_adjust', {
      ctx: { actor: adminId, role: 'admin', reason: `goodwill ${n}`, ip: null, request_id: 'cursor-req-0001' }, user_id: member, points: 10 + n, key: `adjust-${n++}` });
    for (let i = 0; i < 7; i++) await adjust();
    const before = (await t.sql<{ id: string }>('select id::text from traqora.loyalty_ledger where member_id = $1 order by id desc', [member])).map((r) => Number(r.id));
    const { rows, pages } = await walk<{ id: number }>(
      { GET: async (req, ctx) => {
        const res = await route.GET(req, ctx);
        const body = await res.clone().json() as { data: { summary: unknown; history: { data: { id: number }[] } }; nextCursor: string | null };
        expect(body.data.summary).toBeTruthy();
        return Response.json({ data: body.data.history.data, nextCursor: body.nextCursor }, { status: res.status });
      } },
      `/api/v1/admin/loyalty/members/${member}?limit=3`, async () => { await adjust(); }, { id: member });
    expect(pages).toBe(3);
    expect(rows.map((r) => r.id)).toEqual(before);
    const bad = await get(route, `/api/v1/admin/loyalty/members/${member}?cursor=abc`, { id: member });
    expect({ status: bad.status, fields: fields(bad.body) }).toEqual({ status: 400, fields: ['query.cursor'] });
    const unbounded = await get(route, `/api/v1/admin/loyalty/members/${member}?limit=101`, { id: member });
    expect({ status: unbounded.status, fields: fields(unbounded.body) }).toEqual({ status: 400, fields: ['query.limit'] });
  });
});

describe('GET /admin/airlines/{iata}/payouts', () => {
  it('answers nextCursor for the released list and refuses a cursor it did not issue', async () => {
    const route = await import('@/app/api/v1/admin/airlines/[iata]/payouts/route');
    const ok = await get<{ data: { released: unknown[] }; nextCursor: string | null }>(route, '/api/v1/admin/airlines/BA/payouts?limit=5', { iata: 'BA' });
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveProperty('nextCursor');
    for (const cursor of ['abc', Buffer.from(JSON.stringify({ at: '2026-01-01T00:00:00Z', rail: 'cash', id: 1 })).toString('base64url')]) {
      const res = await get(route, `/api/v1/admin/airlines/BA/payouts?cursor=${cursor}`, { iata: 'BA' });
      expect({ status: res.status, fields: fields(res.body) }).toEqual({ status: 400, fields: ['query.cursor'] });
    }
  });
});

describe('GET /jury', () => {
  it('answers the juror standing with nextCursor for the cases, and refuses a cursor it did not issue', async () => {
    const route = await import('@/app/api/v1/jury/route');
    const ok = await get<{ data: { cases: unknown[] }; nextCursor: string | null }>(route, '/api/v1/jury?limit=5');
    expect({ status: ok.status, cases: ok.body.data.cases, nextCursor: ok.body.nextCursor }).toEqual({ status: 200, cases: [], nextCursor: null });
    for (const cursor of ['abc', Buffer.from(JSON.stringify({ drawn_at: 'soon', round_id: 'x' })).toString('base64url')]) {
      const res = await get(route, `/api/v1/jury?cursor=${cursor}`);
      expect({ status: res.status, fields: fields(res.body) }).toEqual({ status: 400, fields: ['query.cursor'] });
    }
  });
});
