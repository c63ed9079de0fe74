import path from 'node:path';
import { NextRequest, type NextFetchEvent } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { apiRoutePatterns } from '@/lib/http/route-table';
import { API_CONTENT_SECURITY_POLICY } from '@/lib/security/headers';

// proxy.ts answers paths Next cannot decode (Next's own answer is a plain-text 500). The route
// list is what next.config.ts inlines at build time; Clerk stays off (no keys in unit tests).
vi.stubEnv('TRAQORA_API_ROUTES', JSON.stringify(apiRoutePatterns(path.join(process.cwd(), 'app'))));
const { default: proxy } = await import('@/proxy');

const call = (url: string, init?: ConstructorParameters<typeof NextRequest>[1]) =>
  proxy(new NextRequest(new URL(url, 'http://t.test'), init), {} as NextFetchEvent);

describe('proxy', () => {
  it('answers a malformed segment of an API route with a 400 problem naming its param', async () => {
    const res = await call('/api/v1/bookings/%E0%A4%A/cancellation');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ instance: '/api/v1/bookings/%E0%A4%A/cancellation', errors: [{ field: 'params.pnr' }] });
  });

  it('answers a malformed segment no route names with a 404 problem', async () => {
    const res = await call('/api/v1/%ZZ/search');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers a malformed page path with a plain 400, and lets every decodable path through', async () => {
    expect((await call('/trips/%ED%A0%80')).status).toBe(400);
    const through = await call('/api/v1/offers/abc%2Edef');
    expect(through.status).toBe(200);
    expect(through.headers.get('x-middleware-next')).toBe('1');
  });

  it('puts the security headers and a fresh CSP nonce on every page, and hands the nonce to the app', async () => {
    const [a, b] = [await call('/'), await call('/search')];
    const nonce = (res: Response) => res.headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(b)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
    expect(a.headers.get('x-frame-options')).toBe('DENY');
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    // Next passes these request headers on to the page (x-middleware-request-*).
    expect(a.headers.get('x-middleware-request-x-nonce')).toBe(nonce(a));
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(a.headers.get('content-security-policy'));
    // Even a refusal carries them.
    expect((await call('/trips/%ED%A0%80')).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('gives every API answer one constant policy that admits nothing, and leaves its request headers alone', async () => {
    const [a, b] = [await call('/api/v1/offers/x'), await call('/api/v1/flights/search?from=JFK')];
    for (const res of [a, b]) {
      expect(res.headers.get('content-security-policy')).toBe(API_CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-middleware-next')).toBe('1');
      // No nonce is made, and the request reaches the handler as it came (no x-middleware-request-* rewrite).
      expect(res.headers.get('x-middleware-override-headers')).toBeNull();
      expect(res.headers.get('x-middleware-request-x-nonce')).toBeNull();
    }
    expect(API_CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none';/);
    expect(API_CONTENT_SECURITY_POLICY).not.toContain('nonce');
    // Refusals the proxy answers itself carry it too.
    expect((await call('/api/v1/%ZZ/search')).headers.get('content-security-policy')).toBe(API_CONTENT_SECURITY_POLICY);
  });

  it('answers a page POST whose multipart body does not parse with a plain 400, and lets a well-formed one through', async () => {
    for (const [type, body] of [['multipart/form-data', 'garbage'], ['multipart/form-data; boundary=xx', 'garbage']]) {
      const res = await call('/', { method: 'POST', headers: { 'content-type': type }, body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    const form = new FormData();
    form.set('a', 'b');
    expect((await call('/search', { method: 'POST', body: form })).headers.get('x-middleware-next')).toBe('1');
    // The API reads its own bodies (handler() answers problems); pages only are checked here.
    expect((await call('/api/v1/nope', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' })).headers.get('x-middleware-next')).toBe('1');
  });

  it('refuses a cookie-authenticated mutation from another origin before anything runs', async () => {
    const res = await call('/api/v1/bookings', { method: 'POST', headers: { cookie: 'tq_session=x', origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
