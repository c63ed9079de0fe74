import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/types';
import { DatabaseProblem } from '@/lib/db/port';
import { handler } from '@/lib/http/handler';

const viewer = vi.hoisted(() => ({ current: null as Viewer | null, suspended: false }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => viewer.current, isAccountSuspended: async () => viewer.suspended ?? false }));

const get = (url: string, init?: ConstructorParameters<typeof NextRequest>[1]) => new NextRequest(new URL(url, 'http://t.test'), init);

describe('handler()', () => {
  const search = handler(
    { name: 'test.search', query: z.object({ q: z.string().min(2, 'at least 2 characters'), n: z.coerce.number().int().max(5) }) },
    async ({ query }) => ({ data: query }),
  );

  it('answers validated, coerced input as JSON with a request id', async () => {
    const res = await search(get('/x?q=lon&n=3'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { q: 'lon', n: 3 } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers bad query input with 400 problem+json naming each field', async () => {
    const res = await search(get('/x?q=l&n=9'));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.n', 'query.q']);
    expect(body.instance).toBe('/x');
  });

  it('keeps a sane caller request id', async () => {
    const res = await search(get('/x?q=lon&n=1', { headers: { 'x-request-id': 'abc-123-def-456' } }));
    expect(res.headers.get('x-request-id')).toBe('abc-123-def-456');
  });

  const create = handler({ name: 'test.create', body: z.object({ name: z.string() }) }, async ({ body }) => Response.json(body, { status: 201 }));

  it('refuses non-JSON bodies with 415 and malformed JSON with 400', async () => {
    expect((await create(get('/x', { method: 'POST', body: 'name=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }))).status).toBe(415);
    const bad = await create(get('/x', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ field: 'body', message: 'not valid JSON' }]);
  });

  it('reads no body at all as {} when every field of the body is optional, and still refuses one that is required', async () => {
    const retry = handler({ name: 'test.retry', body: z.object({ reason: z.string().optional() }) }, async ({ body }) => ({ data: body }));
    const bare = await retry(get('/x', { method: 'POST' }));
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual({ data: {} });
    expect((await retry(get('/x', { method: 'POST', body: 'reason=x', headers: { 'content-type': 'text/plain' } }))).status).toBe(415);
    expect((await create(get('/x', { method: 'POST' }))).status).toBe(415);
  });

  it('answers 499, not 500, when the caller hangs up before its body has arrived', async () => {
    const hungUp = new ReadableStream({ pull(c) { c.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })); } });
    const res = await create(get('/x', { method: 'POST', body: hungUp, headers: { 'content-type': 'application/json' }, duplex: 'half' } as never));
    expect(res.status).toBe(499);
    // A body that fails for any other reason is still our failure.
    const broken = new ReadableStream({ pull(c) { c.error(new Error('decoder bug')); } });
    expect((await create(get('/x', { method: 'POST', body: broken, headers: { 'content-type': 'application/json' }, duplex: 'half' } as never))).status).toBe(500);
  });

  it('names body fields with a body. prefix', async () => {
    const res = await create(get('/x', { method: 'POST', body: '{"name":1}', headers: { 'content-type': 'application/json' } }));
    expect((await res.json()).errors[0].field).toBe('body.name');
  });

  it('turns a database problem into its 4xx and anything else into a 500 without leaking it', async () => {
    const conflict = handler({ name: 't' }, async () => { throw new DatabaseProblem(409, 'no seats left', 'seats'); });
    expect((await conflict(get('/x'))).status).toBe(409);
    const boom = handler({ name: 't' }, async () => { throw new Error('secret internals'); });
    const res = await boom(get('/x'));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret internals');
  });

  it('refuses callers by the same rules as server actions: 401 signed out, 403 without the role, before reading the body', async () => {
    const clear = handler({ name: 't.admin', auth: 'admin', body: z.object({ iata: z.string() }) }, async ({ viewer: who }) => ({ by: who.id }));
    const post = () => get('/x', { method: 'POST', body: 'not json', headers: { 'content-type': 'application/json' } });
    viewer.current = null;
    expect((await clear(post())).status).toBe(401);
    viewer.current = { id: 'u1', name: 'Ada', email: null, roles: [{ role: 'traveller', airline: null }], wallets: [], source: 'clerk' };
    expect((await clear(post())).status).toBe(403);
    viewer.current = { ...viewer.current, roles: [{ role: 'admin', airline: null }] };
    expect((await clear(post())).status).toBe(400);
    const ok = await clear(get('/x', { method: 'POST', body: '{"iata":"BA"}', headers: { 'content-type': 'application/json' } }));
    expect(await ok.json()).toEqual({ by: 'u1' });
  });

  it('tells a suspended account it is suspended (403 naming account), where a signed-out caller gets 401', async () => {
    const mine = handler({ name: 't.mine', auth: 'signed-in' }, async () => ({ ok: true }));
    viewer.current = null;
    viewer.suspended = true;
    const res = await mine(get('/x'));
    viewer.suspended = false;
    expect(res.status).toBe(403);
    expect((await res.json()).errors).toEqual([{ field: 'account', message: 'is suspended' }]);
    expect((await mine(get('/x'))).status).toBe(401);
  });

  it('answers path params that fail their schema with 404 naming them', async () => {
    const one = handler({ name: 't.one', params: z.object({ pnr: z.string().regex(/^[A-Z0-9]{6}$/) }) }, async ({ params }) => params);
    const res = await one(get('/x/abc'), { params: Promise.resolve({ pnr: 'abc' }) });
    expect(res.status).toBe(404);
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual(['params.pnr']);
  });

  it('refuses text holding NUL (PostgreSQL cannot store it) with a 400 naming the field, found by fuzzing', async () => {
    const res = await search(get('/x?q=a%00b&n=1'));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: 'query.q', message: 'must not contain NUL (U+0000)' }]);
    const deep = handler({ name: 't.deep', body: z.object({ passengers: z.array(z.object({ given_name: z.string() })) }) }, async ({ body }) => body);
    const bad = await deep(get('/x', { method: 'POST', body: '{"passengers":[{"given_name":"A\\u0000"}],"k\\u0000":1}', headers: { 'content-type': 'application/json' } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toEqual(['body.passengers.0.given_name', 'body.k\u0000']);
  });
});
