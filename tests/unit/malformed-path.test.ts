import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMalformedParams } from '@/lib/http/malformed-path';
import { apiRoutePatterns } from '@/lib/http/route-table';

// The proxy's answer to undecodable path segments (Next itself answers a plain 500).
const routes = apiRoutePatterns(path.join(process.cwd(), 'app'));

describe('apiRoutePatterns()', () => {
  it('lists every API route as Next names it, from the file tree', () => {
    expect(routes).toEqual(expect.arrayContaining([
      '/api/[...path]', '/api/cron/[job]', '/api/health', '/api/v1/offers/[id]',
      '/api/v1/bookings/[pnr]/payments', '/api/v1/admin/airlines/[iata]/payout-account',
    ]));
    expect(routes.every((r) => r.startsWith('/api/'))).toBe(true);
  });
});

describe('findMalformedParams()', () => {
  it('leaves paths that decode alone, however odd', () => {
    expect(findMalformedParams('/api/v1/offers/%E2%9C%88%25', routes)).toBeNull();
    expect(findMalformedParams('/api/v1/bookings/ABC123/payments', routes)).toBeNull();
  });

  it.each([
    ['/api/v1/offers/%ED%A0%80', '/api/v1/offers/[id]', ['id']],
    ['/api/v1/bookings/%E0%A4%A/payments', '/api/v1/bookings/[pnr]/payments', ['pnr']],
    ['/api/v1/admin/airlines/%ED%A0%80/payout-account', '/api/v1/admin/airlines/[iata]/payout-account', ['iata']],
    ['/api/v1/bookings/%ZZ', '/api/v1/bookings/[pnr]', ['pnr']],
    ['/api/v1/bookings/%ZZ/', '/api/v1/bookings/[pnr]', ['pnr']],
    ['/api/cron/%', '/api/cron/[job]', ['job']],
  ])('names the param of %s', (pathname, route, params) => {
    expect(findMalformedParams(pathname, routes)).toEqual({ route, params });
  });

  it('prefers a static segment to a param, as Next does', () => {
    expect(findMalformedParams('/x/static/%ZZ', ['/x/[a]/[b]', '/x/static/[c]'])).toEqual({ route: '/x/static/[c]', params: ['c'] });
    expect(findMalformedParams('/x/%ZZ/y', ['/x/[...rest]', '/x/[a]/y'])).toEqual({ route: '/x/[a]/y', params: ['a'] });
  });

  it('falls to the catch-all, or no route, when a static segment is what is malformed', () => {
    expect(findMalformedParams('/api/v1/%ZZ/search', routes)).toEqual({ route: '/api/[...path]', params: ['path'] });
    expect(findMalformedParams('/api/v1/flights/%ZZ', ['/api/v1/flights/search'])).toEqual({ route: null, params: [] });
  });
});
