import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db/port';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// GET /api/v1/flights/search answers a repeated search from the bytes it sent before
// (lib/flights/search-answer.ts): the same answer, no new database call, its offers still signed
// and bookable; a different page or filter of the same route is a new answer from the cached
// itineraries; a refused cursor is never kept.

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
// Long enough that nothing here expires between two calls on a loaded machine.
vi.stubEnv('SEARCH_CACHE_SECONDS', '60');

let t: TestDatabase;
let searches = 0;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 3 });
  // Counts the database's searches (on a server, through the answers instances share); everything else passes through.
  state.db = new Proxy(t.db, {
    get(target, prop, receiver) {
      if (prop !== 'call') return Reflect.get(target, prop, receiver);
      return (fn: string, args?: Record<string, unknown>) => {
        if (fn === 'search_itineraries' || fn === 'search_itineraries_cached') searches++;
        return (target as Database).call(fn as never, args as never);
      };
    },
  });
});
afterAll(async () => { await t?.close(); });

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);

async function search(query: string) {
  const { GET } = await import('@/app/api/v1/flights/search/route');
  const res = await GET(new NextRequest(new URL(`/api/v1/flights/search?${query}`, 'http://t.test')));
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('the search answer cache', () => {
  it('answers a repeated search with the same bytes and no database call', async () => {
    const q = `from=JFK&to=LHR&date=${day(1)}&adults=1&limit=5`;
    const first = await search(q);
    expect(first.status).toBe(200);
    expect(first.type).toBe('application/json');
    const body = JSON.parse(first.text);
    expect(body.data.length).toBeGreaterThan(0);
    const asked = searches;
    expect(asked).toBe(1);

    // A second later a freshly built answer would differ (each offer id carries its expiry, in
    // seconds); the stored one is the same bytes.
    await new Promise((r) => setTimeout(r, 1_100));
    const again = await search(q);
    expect(again.text).toBe(first.text);
    expect(searches).toBe(asked);
    // The same query written differently (order, case, defaults spelled out) is the same answer.
    expect((await search(`to=lhr&from=jfk&limit=5&date=${day(1)}&cabin=economy`)).text).toBe(first.text);
    expect(searches).toBe(asked);

    // Its offers stay valid: they open (signature checked, repriced) with the offer route.
    const { GET: offer } = await import('@/app/api/v1/offers/[id]/route');
    const id = body.data[0].id as string;
    const opened = await offer(new NextRequest(new URL(`/api/v1/offers/${encodeURIComponent(id)}`, 'http://t.test')), { params: Promise.resolve({ id }) });
    expect(opened.status).toBe(200);
    expect(Date.parse(body.data[0].expires_at)).toBeGreaterThan(Date.now() + 60_000);
  });

  it('builds another page, sort or filter of the route from the cached itineraries', async () => {
    const before = searches;
    const base = `from=JFK&to=LHR&date=${day(1)}&adults=1`;
    const byPrice = await search(`${base}&sort=price&limit=2`);
    const first = JSON.parse(byPrice.text);
    expect(first.meta.sort).toBe('price');
    expect(first.nextCursor).toBeTruthy();
    const next = JSON.parse((await search(`${base}&sort=price&limit=2&cursor=${first.nextCursor}`)).text);
    expect(next.data[0].id).not.toBe(first.data[0].id);
    expect(searches).toBe(before);
  });

  it('refuses a cursor from another search with a 400 naming it, every time (a refusal is not kept)', async () => {
    const other = JSON.parse((await search(`from=JFK&to=LHR&date=${day(1)}&sort=price&limit=2`)).text).nextCursor;
    for (let i = 0; i < 2; i++) {
      const res = await search(`from=JFK&to=LHR&date=${day(1)}&sort=duration&limit=2&cursor=${other}`);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(JSON.parse(res.text).errors[0].field).toBe('query.cursor');
    }
  });
});
