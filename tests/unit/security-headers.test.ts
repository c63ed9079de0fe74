import { describe, expect, it } from 'vitest';
import { clerkFrontendApi, contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/security/headers';

const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
const clerkKey = `pk_live_${Buffer.from('clerk.example.com$').toString('base64')}`;

describe('content security policy', () => {
  it('lets scripts run only with this request’s nonce in production: no unsafe-inline, no eval', () => {
    const csp = directives(contentSecurityPolicy('abc123', { NODE_ENV: 'production' }));
    expect(csp['script-src']).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['report-uri']).toEqual(['/api/csp-report']);
  });

  it('opens connect-src to the configured RPC (its origin only) and to Clerk when both keys are set', () => {
    const csp = directives(contentSecurityPolicy('n', {
      NODE_ENV: 'production', STELLAR_RPC_URL: 'https://rpc.example.org/soroban/rpc?x=1',
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: clerkKey, CLERK_SECRET_KEY: 'sk_live_x',
    }));
    expect(csp['connect-src']).toEqual(["'self'", 'https://rpc.example.org', 'https://clerk.example.com']);
    expect(csp['script-src']).toContain('https://clerk.example.com');
    expect(csp['img-src']).toContain('https://img.clerk.com');
  });

  it('leaves Clerk out when only the publishable key is set (Clerk is off then)', () => {
    const csp = directives(contentSecurityPolicy('n', { NODE_ENV: 'production', NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: clerkKey }));
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['frame-src']).toEqual(["'none'"]);
  });

  it('allows eval and the hot-reload socket in development only', () => {
    expect(directives(contentSecurityPolicy('n', { NODE_ENV: 'development' }))['script-src']).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy('n', { NODE_ENV: 'production' }))['script-src']).not.toContain("'unsafe-eval'");
  });

  it('reads Clerk’s frontend host from the publishable key, and nothing from a malformed one', () => {
    expect(clerkFrontendApi(clerkKey)).toBe('clerk.example.com');
    expect(clerkFrontendApi(`pk_test_${Buffer.from('evil.com; script-src *$').toString('base64')}`)).toBeUndefined();
    expect(clerkFrontendApi('nope')).toBeUndefined();
  });

  it('makes a different 128-bit nonce each time', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});

describe('security headers', () => {
  it('sends HSTS in production for a real host, never for localhost or outside production', () => {
    expect(securityHeaders('n', 'traqora.example', { NODE_ENV: 'production' })['Strict-Transport-Security']).toMatch(/^max-age=\d{8}/);
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'app.localhost']) {
      expect(securityHeaders('n', host, { NODE_ENV: 'production' })['Strict-Transport-Security'], host).toBeUndefined();
    }
    expect(securityHeaders('n', 'traqora.example', { NODE_ENV: 'development' })['Strict-Transport-Security']).toBeUndefined();
  });

  it('refuses framing, sniffing, full referrers and the device APIs the app does not use', () => {
    const h = securityHeaders('n', 'localhost', { NODE_ENV: 'production' });
    expect(h['X-Frame-Options']).toBe('DENY');
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment']) expect(h['Permissions-Policy']).toContain(`${feature}=()`);
  });
});
