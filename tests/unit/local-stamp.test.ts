import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stamp } from '@/components/flights/format';
import { LocalStamp } from '@/components/flights/local-stamp';

// The trip page renders its booking on the server (app/trips/[pnr]/page.tsx), which does not
// know the viewer's zone: a time it wrote in its own zone would differ from the browser's and
// break hydration. The server's HTML carries the time in UTC, whatever zone the server runs in;
// the browser then shows the viewer's (components/flights/local-stamp.tsx).

describe('LocalStamp on the server', () => {
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York'; // a server not on UTC
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('writes the instant in UTC, with its machine-readable form', () => {
    const html = renderToString(h(LocalStamp, { iso: '2026-12-06T23:30:00Z', className: 'block' }));
    expect(html).toBe('<time dateTime="2026-12-06T23:30:00Z" class="block">6 Dec 2026, 23:30</time>');
  });

  it('stamp() takes an explicit zone, and without one uses the local zone as before', () => {
    expect(stamp('2026-12-06T23:30:00Z', 'UTC')).toBe('6 Dec 2026, 23:30');
    expect(stamp('2026-12-06T23:30:00Z')).toBe('6 Dec 2026, 18:30');
  });
});
