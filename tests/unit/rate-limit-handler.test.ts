import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { handler } from '@/lib/http/handler';
import { signSession } from '@/lib/auth/session-token';

// handler() on /api/v1: every answer carries RateLimit fields, the caller over the limit gets a
// 429 problem with Retry-After, signed-in callers count per user, and the deny list refuses.
// Limits in memory (the PGlite mode), configured tight through the same env schema.

const state = vi.hoisted(() => ({ rules: [] as { cidr: string; action: 'allow' | 'deny' }[] }));
const env = parseEnv({ RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_SIGNED_IN: '5', RATE_LIMIT_BOOKING: '2', RATE_LIMIT_BLOCK_SECONDS: '30', SESSION_SECRET: 's'.repeat(40) });
vi.mock('@/lib/config', () => ({ config: () => ({ env, mode: { database: 'pglite', clerk: false, devPersonas: true } }) }));
vi.mock('@/lib/db/connect', () => ({ db: async () => ({ driver: 'pglite', call: async (fn: string) => (fn === 'rate_limit_rules' ? state.rules : null) }) }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => null }));

let n = 0;
const address = () => `192.0.2.${++n}`;
const call = (route: ReturnType<typeof handler>, ip: string, init: { method?: string; cookie?: string } = {}) =>
  route(new NextRequest(new URL('/api/v1/things', 'http://t.test'), {
    method: init.method ?? 'GET',
    headers: { 'x-forwarded-for': `10.9.9.9, ${ip}`, ...(init.cookie ? { cookie: init.cookie } : {}) },
  }));

describe('rate limits in handler()', () => {
  const search = handler({ name: 'flights.search' }, async () => ({ data: [] }));
  const book = handler({ name: 'bookings.create' }, async () => ({ data: 'booked' }));

  beforeEach(async () => {
    state.rules = [];
    const { forgetAddressRules } = await import('@/lib/rate-limit/rules');
    forgetAddressRules();
  });

  it('tells every caller where they stand, then answers 429 problem+json with Retry-After', async () => {
    const ip = address();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call(search, ip));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0].headers.get('ratelimit-policy')).toBe('"anonymous";q=3;w=60');
    expect(answers[0].headers.get('ratelimit')).toMatch(/^"anonymous";r=2;t=\d+$/);
    const refused = answers[3];
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('ratelimit')).toBe('"anonymous";r=0;t=60');
    const body = await refused.json();
    expect(body).toMatchObject({ status: 429, 'violated-policies': ['anonymous'], retry_after: 60 });
    // The client's own X-Forwarded-For entry is not who it is: a new claimed address changes nothing.
    expect((await call(search, ip)).status).toBe(429);
    expect((await call(search, address())).status).toBe(200);
  });

  it('counts signed-in callers per user, wherever they come from, and tighter on booking', async () => {
    const token = await signSession({ userId: '00000000-0000-4000-8000-000000000001', source: 'dev', version: 1 }, env.SESSION_SECRET!);
    const cookie = `tq_session=${token}`;
    const first = await call(book, address(), { method: 'POST', cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"signed-in";q=5;w=60, "booking";q=2;w=60');
    expect((await call(book, address(), { method: 'POST', cookie })).status).toBe(200);
    const third = await call(book, address(), { method: 'POST', cookie });
    expect(third.status).toBe(429);
    expect((await third.json())['violated-policies']).toEqual(['booking']);
    // Searching still works for them: the booking limit is the route's, not the user's.
    expect((await call(search, address(), { cookie })).status).toBe(200);
  });

  it('refuses deny-listed networks with 403 and lets allow-listed ones through uncounted', async () => {
    state.rules = [{ cidr: '198.51.100.0/24', action: 'deny' }, { cidr: '203.0.113.0/24', action: 'allow' }];
    const denied = await call(search, '198.51.100.77');
    expect(denied.status).toBe(403);
    for (let i = 0; i < 5; i++) {
      const ok = await call(search, '203.0.113.4');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit')).toBeNull();
    }
  });

  it('leaves routes outside /api/v1 alone', async () => {
    const health = handler({ name: 'health' }, async () => ({ ok: true }));
    const res = await health(new NextRequest(new URL('/api/health', 'http://t.test')));
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit')).toBeNull();
  });
});
