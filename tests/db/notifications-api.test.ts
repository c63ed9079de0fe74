import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { signUnsubscribe } from '@/lib/notifications/unsubscribe-token';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The notification API through its route handlers: the viewer's own notifications only, mark
// read, preferences with problem+json naming the field, one-click unsubscribe signed out.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;
let me: Viewer;
let other: Viewer;
const persona = async (name: string): Promise<Viewer> => ({ ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'traveller', name })), source: 'dev' });
beforeAll(async () => {
  t = await openTestDatabase({ seed: false });
  state.db = t.db;
  me = await persona('Api Amy');
  other = await persona('Api Otto');
});
afterAll(async () => { await t?.close(); });

type Route = Record<string, (req: NextRequest, ctx?: unknown) => Promise<Response>>;
async function call(route: string, method: string, opts: { query?: string; body?: unknown; viewer?: Viewer | null } = {}): Promise<Response> {
  state.viewer = opts.viewer === undefined ? me : opts.viewer;
  const mod = (await import(/* @vite-ignore */ `@/app/api/v1/notifications${route}/route`)) as Route;
  const req = new NextRequest(new URL(`/api/v1/notifications${route}${opts.query ?? ''}`, 'http://t.test'), {
    method, headers: { 'content-type': 'application/json' }, body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return mod[method](req, { params: Promise.resolve({}) });
}
const seedFor = (user: string, n: number, prefix: string) => t.db.call<{ created: number[] }>('create_notifications', {
  items: Array.from({ length: n }, (_, i) => ({ user_id: user, type: 'booking_paid', source_key: `${prefix}:${i}`, title: `${prefix} ${i}`, body: 'b', link: '/trips/ABC123', channels: {} })),
});

describe('notifications API', () => {
  it('lists only the viewer\u2019s notifications with nextCursor, and marks read', async () => {
    await seedFor(me.id, 3, 'mine');
    const { created: [theirs] } = await seedFor(other.id, 1, 'theirs');
    let res = await call('', 'GET', { query: '?limit=2' });
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page).toMatchObject({ unread: 3, data: [{ title: 'mine 2' }, { title: 'mine 1' }] });
    res = await call('', 'GET', { query: `?limit=2&cursor=${page.nextCursor}` });
    expect(await res.json()).toMatchObject({ data: [{ title: 'mine 0' }], nextCursor: null });

    res = await call('/read', 'POST', { body: { ids: [page.data[0].id, theirs] } });
    expect(await res.json()).toEqual({ updated: 1, unread: 2 });
    expect(await (await call('', 'GET', { query: '?unread=true' })).json()).toMatchObject({ unread: 2, data: [{ title: 'mine 1' }, { title: 'mine 0' }] });
    expect(await (await call('/read', 'POST', { body: {} })).json()).toEqual({ updated: 2, unread: 0 });
    expect((await t.db.call<{ unread: number }>('notification_unread_count', { user_id: other.id })).unread).toBe(1);
  });

  it('refuses the signed-out and bad input with problem+json naming the field', async () => {
    const res = await call('', 'GET', { viewer: null });
    expect(res.status).toBe(401);
    for (const [route, method, opts, field] of [
      ['', 'GET', { query: '?cursor=abc' }, 'query.cursor'],
      ['', 'GET', { query: '?limit=1000' }, 'query.limit'],
      ['/read', 'POST', { body: { ids: ['x'] } }, 'body.ids.0'],
      ['/preferences', 'PUT', { body: { time_zone: 'Mars/Olympus' } }, 'body.time_zone'],
      ['/preferences', 'PUT', { body: { time_zone: 'UTC', quiet_start: '22:00' } }, 'body.quiet_end'],
      ['/preferences', 'PUT', { body: { time_zone: 'UTC', email: 'not-an-email' } }, 'body.email'],
      ['/preferences', 'PUT', { body: { time_zone: 'UTC', preferences: [{ type: 'nope', channel: 'email', enabled: false }] } }, 'body.preferences.0.type'],
    ] as const) {
      const r = await call(route, method, opts);
      expect(r.status, `${method} ${route} ${JSON.stringify(opts)}`).toBe(400);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect((await r.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('saves preferences and answers every kind × channel with its default', async () => {
    let res = await call('/preferences', 'GET');
    const before = (await res.json()).data;
    expect(before).toMatchObject({ email: null, time_zone: 'UTC', quiet_start: null });
    expect(before.preferences).toContainEqual(expect.objectContaining({ type: 'booking_paid', channel: 'email', enabled: true, default: true }));
    res = await call('/preferences', 'PUT', { body: { email: 'amy@example.com', time_zone: 'Europe/Lisbon', quiet_start: '22:30', quiet_end: '07:00',
      preferences: [{ type: 'booking_held', channel: 'email', enabled: false }] } });
    expect(res.status).toBe(200);
    const after = (await res.json()).data;
    expect(after).toMatchObject({ email: 'amy@example.com', time_zone: 'Europe/Lisbon', quiet_start: '22:30', quiet_end: '07:00' });
    expect(after.preferences).toContainEqual(expect.objectContaining({ type: 'booking_held', enabled: false, default: true }));
  });

  it('one-click unsubscribe works signed out with a valid token and refuses a tampered one', async () => {
    const secret = (await import('@/lib/auth/session-secret')).sessionSecret();
    const token = await signUnsubscribe({ userId: other.id, type: 'booking_refunded', channel: 'email' }, secret);
    const tampered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    let res = await call('/unsubscribe', 'POST', { viewer: null, query: `?token=${encodeURIComponent(tampered)}` });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: 'token', message: 'is not a valid unsubscribe token' }]);
    res = await call('/unsubscribe', 'POST', { viewer: null, query: `?token=${encodeURIComponent(token)}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { type: 'booking_refunded', channel: 'email', label: 'Refund sent' } });
    const prefs = await t.db.call<{ preferences: unknown[] }>('get_notification_settings', { user_id: other.id });
    expect(prefs.preferences).toEqual([{ type: 'booking_refunded', channel: 'email', enabled: false }]);
  });
});
