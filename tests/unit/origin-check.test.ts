import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { refuseCrossOrigin } from '@/lib/security/origin';

// Cross-site request forgery defence (lib/security/origin.ts): a cookie-authenticated request
// that changes things must come from this app's own origin.

const APP = 'http://localhost:3000';
function req(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(new URL(path, APP), { method: init.method ?? 'POST', headers: { host: 'localhost:3000', ...init.headers } });
}
const session = { cookie: 'tq_session=eyJ.x.y' };

describe('origin check', () => {
  it('refuses a cookie-authenticated API POST from another origin with a 403 problem naming the header', async () => {
    const res = refuseCrossOrigin(req('/api/v1/bookings', { headers: { ...session, origin: 'https://evil.example' } }), undefined);
    expect(res?.status).toBe(403);
    expect(res?.headers.get('content-type')).toBe('application/problem+json');
    expect((await res!.json()).errors).toEqual([expect.objectContaining({ field: 'headers.origin' })]);
  });

  it('refuses every mutating method, for Clerk’s session cookie too, and server actions on pages', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(refuseCrossOrigin(req('/api/v1/me', { method, headers: { ...session, origin: 'https://evil.example' } }), undefined)?.status, method).toBe(403);
    }
    expect(refuseCrossOrigin(req('/api/v1/me', { headers: { cookie: '__session=a.b.c', origin: 'https://evil.example' } }), undefined)?.status).toBe(403);
    expect(refuseCrossOrigin(req('/api/v1/me', { headers: { cookie: '__session_Ab12=a.b.c', origin: 'https://evil.example' } }), undefined)?.status).toBe(403);
    expect(refuseCrossOrigin(req('/trips', { headers: { ...session, 'next-action': 'abc', origin: 'https://evil.example' } }), undefined)?.status).toBe(403);
    // A server action posted as a plain form (no script, no Next-Action header) too.
    expect(refuseCrossOrigin(req('/trips', { headers: { ...session, 'content-type': 'multipart/form-data; boundary=x', origin: 'https://evil.example' } }), undefined)?.status).toBe(403);
  });

  it('refuses a sandboxed ("null") origin and cross-site Sec-Fetch-Site when no Origin is sent', () => {
    expect(refuseCrossOrigin(req('/api/v1/me', { headers: { ...session, origin: 'null' } }), undefined)?.status).toBe(403);
    expect(refuseCrossOrigin(req('/api/v1/me', { headers: { ...session, 'sec-fetch-site': 'cross-site' } }), undefined)?.status).toBe(403);
    expect(refuseCrossOrigin(req('/api/v1/me', { headers: { ...session, 'sec-fetch-site': 'same-site' } }), undefined)?.status).toBe(403);
  });

  it('lets the app’s own origin through, by Host, by X-Forwarded-Host or by APP_URL', () => {
    expect(refuseCrossOrigin(req('/api/v1/me', { headers: { ...session, origin: APP } }), undefined)).toBeUndefined();
    expect(refuseCrossOrigin(req('/api/v1/me', { headers: { ...session, origin: 'https://traqora.example', 'x-forwarded-host': 'traqora.example', 'x-forwarded-proto': 'https' } }), undefined)).toBeUndefined();
    expect(refuseCrossOrigin(req('/api/v1/me', { headers: { ...session, origin: 'https://traqora.example' } }), 'https://traqora.example/')).toBeUndefined();
    expect(refuseCrossOrigin(req('/api/v1/me', { headers: { ...session, 'sec-fetch-site': 'same-origin' } }), undefined)).toBeUndefined();
  });

  it('leaves bearer-authenticated, cookie-less, reading and report requests alone', () => {
    const evil = { origin: 'https://evil.example' };
    expect(refuseCrossOrigin(req('/api/v1/bookings', { headers: { ...session, ...evil, authorization: 'Bearer tq_live_x' } }), undefined)).toBeUndefined();
    expect(refuseCrossOrigin(req('/api/v1/bookings', { headers: evil }), undefined)).toBeUndefined();
    expect(refuseCrossOrigin(req('/api/v1/bookings', { headers: { cookie: 'theme=dark', ...evil } }), undefined)).toBeUndefined();
    expect(refuseCrossOrigin(req('/api/v1/me', { method: 'GET', headers: { ...session, ...evil } }), undefined)).toBeUndefined();
    expect(refuseCrossOrigin(req('/api/csp-report', { headers: { ...session, ...evil } }), undefined)).toBeUndefined();
  });

  it('lets non-browser clients (no Origin, no Sec-Fetch-Site) through: forgery needs a browser', () => {
    expect(refuseCrossOrigin(req('/api/v1/bookings', { headers: session }), undefined)).toBeUndefined();
  });
});
