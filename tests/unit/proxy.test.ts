import path from 'node:path';
import { NextRequest, type NextFetchEvent } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { apiRoutePatterns } from '@/lib/http/route-table';

// proxy.ts answers paths Next cannot decode (Next's own answer is a plain-text 500). The route
// list is what next.config.ts inlines at build time; Clerk stays off (no keys in unit tests).
vi.stubEnv('TRAQORA_API_ROUTES', JSON.stringify(apiRoutePatterns(path.join(process.cwd(), 'app'))));
const { default: proxy } = await import('@/proxy');

const call = (url: string) => proxy(new NextRequest(new URL(url, 'http://t.test')), {} as NextFetchEvent) as Response;

describe('proxy', () => {
  it('answers a malformed segment of an API route with a 400 problem naming its param', async () => {
    const res = call('/api/v1/bookings/%E0%A4%A/cancellation');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ instance: '/api/v1/bookings/%E0%A4%A/cancellation', errors: [{ field: 'params.pnr' }] });
  });

  it('answers a malformed segment no route names with a 404 problem', async () => {
    const res = call('/api/v1/%ZZ/search');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers a malformed page path with a plain 400, and lets every decodable path through', () => {
    expect(call('/trips/%ED%A0%80').status).toBe(400);
    const through = call('/api/v1/offers/abc%2Edef');
    expect(through.status).toBe(200);
    expect(through.headers.get('x-middleware-next')).toBe('1');
  });
});
