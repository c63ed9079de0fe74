import { describe, expect, it } from 'vitest';
import { noSuchRoute, otherMethods } from '@/lib/http/methods';

describe('otherMethods()', () => {
  const { DELETE, OPTIONS, PUT } = otherMethods('GET', 'POST');

  it('answers a method the route does not implement with a 405 problem and an Allow header', async () => {
    const res = DELETE(new Request('http://t.test/api/v1/bookings', { method: 'DELETE' }));
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect(await res.json()).toMatchObject({ status: 405, title: 'Method Not Allowed', instance: '/api/v1/bookings' });
    expect(PUT(new Request('http://t.test/x', { method: 'PUT' })).status).toBe(405);
  });

  it('answers OPTIONS with the methods the route does implement', () => {
    const res = OPTIONS(new Request('http://t.test/x', { method: 'OPTIONS' }));
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect(otherMethods('POST').OPTIONS(new Request('http://t.test/x')).headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('noSuchRoute()', () => {
  it('is a 404 problem whatever the request carries', async () => {
    const res = noSuchRoute(new Request('http://t.test/api/v1/nope', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' }));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, instance: '/api/v1/nope' });
  });
});
