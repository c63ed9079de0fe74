import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The flights console's routes: an operator acts only on its own airline, bulk updates answer
// per row and refuse more than 50 flights, bad input is a problem naming the field.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer }));

let t: TestDatabase;
let operatorDL: Viewer;
let ops: Viewer;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 3 });
  state.db = t.db;
  operatorDL = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'operator', name: 'Delta Desk', airline: 'DL' })), source: 'dev' };
  ops = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'ops', name: 'Ops Desk' })), source: 'dev' };
});
afterAll(async () => { await t?.close(); });

const flightOf = async (airline: string, skip = 0) =>
  (await t.sql<{ id: number }>("select id::int from traqora.flights where airline = $1 and status = 'scheduled' and departs_at > now() + interval '6 hours' order by departs_at, id offset $2 limit 1", [airline, skip]))[0].id;

async function call(route: string, method: 'GET' | 'POST', viewer: Viewer, opts: { params?: Record<string, string>; body?: unknown; query?: string } = {}) {
  state.viewer = viewer;
  const file = route.replace(/\[(\w+)\]/g, '[$1]');
  const url = route.replace(/\[(\w+)\]/g, (_, k: string) => opts.params![k]) + (opts.query ?? '');
  const mod = (await import(/* @vite-ignore */ `${process.cwd()}/app${file}/route.ts`)) as Record<string, (r: NextRequest, c: unknown) => Promise<Response>>;
  const req = new NextRequest(new URL(url, 'http://t.test'), { method, headers: { 'content-type': 'application/json' }, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const res = await mod[method](req, { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, type: res.headers.get('content-type'), json: await res.json() };
}

describe('flights console routes', () => {
  it("an operator lists and changes only its own airline's flights", async () => {
    const own = await call('/api/v1/admin/flights', 'GET', operatorDL, { query: '?limit=20' });
    expect(own.status).toBe(200);
    expect(own.json.data.length).toBeGreaterThan(0);
    expect(own.json.data.every((f: { airline: string }) => f.airline === 'DL')).toBe(true);
    const other = await call('/api/v1/admin/flights', 'GET', operatorDL, { query: '?airline=BA' });
    expect(other).toMatchObject({ status: 403, json: { permission: 'flights.manage' } });

    const ba = await flightOf('BA');
    const refused = await call('/api/v1/admin/flights/[id]/status', 'POST', operatorDL, { params: { id: String(ba) }, body: { status: 'cancelled', reason: 'not ours' } });
    expect(refused.status).toBe(403);
    expect((await t.sql("select status from traqora.flights where id = $1", [ba]))[0]).toEqual({ status: 'scheduled' });

    const dl = await flightOf('DL');
    const ok = await call('/api/v1/admin/flights/[id]/status', 'POST', operatorDL, { params: { id: String(dl) }, body: { status: 'cancelled', reason: 'aircraft on ground' } });
    expect(ok).toMatchObject({ status: 200, json: { data: { changed: true, flight: { id: dl, status: 'cancelled' } } } });
  });

  it('bulk: per-row results, one bad row does not stop the others', async () => {
    const a = await flightOf('BA', 1);
    const b = await flightOf('BA', 2);
    const res = await call('/api/v1/admin/flights/status-updates', 'POST', ops, { body: { reason: 'volcanic ash', updates: [
      { flight_id: a, status: 'cancelled' },
      { flight_id: 999_999_999, status: 'cancelled' },
      { flight_id: b, status: 'delayed', departs_at: '2000-01-01T00:00:00Z' },
    ] } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ applied: 1, refused: 2 });
    expect(res.json.data).toEqual([
      expect.objectContaining({ flight_id: a, ok: true }),
      expect.objectContaining({ flight_id: 999_999_999, ok: false, status: 404, field: 'id' }),
      expect.objectContaining({ flight_id: b, ok: false, status: 422, field: 'departs_at' }),
    ]);
  });

  it('refuses more than 50 flights, and bad input, with a problem naming the field', async () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ flight_id: i + 1, status: 'cancelled' }));
    const res = await call('/api/v1/admin/flights/status-updates', 'POST', ops, { body: { reason: 'too many', updates: many } });
    expect(res).toMatchObject({ status: 400, type: 'application/problem+json' });
    expect(res.json.errors).toEqual([expect.objectContaining({ field: 'body.updates', message: expect.stringMatching(/at most 50/) })]);

    const bad = await call('/api/v1/admin/flights/[id]/status', 'POST', ops, { params: { id: String(await flightOf('BA', 3)) }, body: { status: 'delayed', reason: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.departs_at', 'body.reason']);
    const none = await call('/api/v1/admin/flights/[id]/status', 'POST', ops, { params: { id: 'abc' }, body: { status: 'cancelled', reason: 'gone' } });
    expect(none.status).toBe(404);
  });
});
