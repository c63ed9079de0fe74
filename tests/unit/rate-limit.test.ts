import { describe, expect, it } from 'vitest';
import { addressSubject, clientAddress } from '@/lib/rate-limit/client-address';
import { rateLimitHeaders, secondsFrom } from '@/lib/rate-limit/headers';
import { RateLimits } from '@/lib/rate-limit/limits';
import { policiesFor, type LimitSettings } from '@/lib/rate-limit/policies';
import { AddressRules } from '@/lib/rate-limit/rules';

const settings: LimitSettings = {
  RATE_LIMIT_ANONYMOUS: 120, RATE_LIMIT_SIGNED_IN: 600, RATE_LIMIT_API_KEY: 1200, RATE_LIMIT_API_PLANS: [{ name: 'partner', quota: 6000 }], RATE_LIMIT_SIGN_IN: 10,
  RATE_LIMIT_BOOKING: 20, RATE_LIMIT_PAYMENT: 5, RATE_LIMIT_WINDOW_SECONDS: 60, RATE_LIMIT_BLOCK_SECONDS: 60,
};

describe('client address', () => {
  const h = (xff: string) => new Headers({ 'x-forwarded-for': xff });

  it('takes the entry the trusted proxy wrote, ignoring what the client claimed before it', () => {
    expect(clientAddress(h('6.6.6.6, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(h('6.6.6.6, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    expect(clientAddress(h('203.0.113.9'), 3)).toBe('203.0.113.9');
  });

  it('unwraps IPv4-mapped IPv6 and refuses what is not an address', () => {
    expect(clientAddress(h('::ffff:198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddress(h('not-an-ip'), 1)).toBeNull();
    expect(clientAddress(new Headers(), 1)).toBeNull();
    expect(clientAddress(new Headers({ 'x-real-ip': '192.0.2.1' }), 1)).toBe('192.0.2.1');
  });

  it('counts IPv6 callers per /64 and IPv4 callers per address', () => {
    expect(addressSubject('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressSubject('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressSubject('198.51.100.7')).toBe('198.51.100.7');
  });
});

describe('RateLimit header fields', () => {
  it('lists every policy the request counted under (IETF draft syntax)', () => {
    const headers = rateLimitHeaders([
      { policy: 'signed-in', quota: 600, windowSeconds: 60, remaining: 599, resetSeconds: 60 },
      { policy: 'booking', quota: 20, windowSeconds: 60, remaining: 0, resetSeconds: 12 },
    ]);
    expect(headers['RateLimit-Policy']).toBe('"signed-in";q=600;w=60, "booking";q=20;w=60');
    expect(headers.RateLimit).toBe('"signed-in";r=599;t=60, "booking";r=0;t=12');
    expect(rateLimitHeaders([])).toEqual({});
  });

  it('rounds waits up to whole seconds and never promises more than a day', () => {
    expect(secondsFrom(1)).toBe(1);
    expect(secondsFrom(1500)).toBe(2);
    expect(secondsFrom(Number.MAX_SAFE_INTEGER)).toBe(86_400);
    expect(secondsFrom(-1)).toBe(86_400);   // a store's "never expires"
  });
});

describe('policies', () => {
  it('adds the tighter limit of sign-in, booking and payment routes to the tier', () => {
    expect(policiesFor('flights.search', { tier: 'anonymous' }, settings).map((p) => [p.name, p.quota])).toEqual([['anonymous', 120]]);
    expect(policiesFor('bookings.pay', { tier: 'signed-in' }, settings).map((p) => [p.name, p.quota])).toEqual([['signed-in', 600], ['payment', 5]]);
    expect(policiesFor('auth.challenge', { tier: 'anonymous' }, settings).map((p) => p.name)).toEqual(['anonymous', 'sign-in']);
    expect(policiesFor('bookings.create', { tier: 'api-key', plan: 'standard' }, settings).map((p) => p.name)).toEqual(['api-key:standard', 'booking']);
  });

  it("counts an API key on its plan's quota, and a plan no longer configured on the default one", () => {
    expect(policiesFor('flights.search', { tier: 'api-key', plan: 'partner' }, settings).map((p) => [p.name, p.quota])).toEqual([['api-key:partner', 6000]]);
    expect(policiesFor('flights.search', { tier: 'api-key', plan: 'standard' }, settings).map((p) => [p.name, p.quota])).toEqual([['api-key:standard', 1200]]);
    expect(policiesFor('flights.search', { tier: 'api-key', plan: 'retired' }, settings).map((p) => [p.name, p.quota])).toEqual([['api-key:standard', 1200]]);
  });
});

describe('allow and deny lists', () => {
  const rules = AddressRules.from([
    { cidr: '203.0.113.0/24', action: 'allow' },
    { cidr: '203.0.113.66/32', action: 'deny' },
    { cidr: '2001:db8:bad::/48', action: 'deny' },
  ]);

  it('matches networks, deny winning over allow', () => {
    expect(rules.verdict('203.0.113.5')).toBe('allow');
    expect(rules.verdict('203.0.113.66')).toBe('deny');
    expect(rules.verdict('2001:db8:bad:1::9')).toBe('deny');
    expect(rules.verdict('198.51.100.1')).toBeNull();
    expect(rules.verdict(null)).toBeNull();
  });
});

describe('RateLimits (in memory)', () => {
  const tight = { name: 'anonymous' as const, quota: 3, windowSeconds: 60 };

  it('counts down, then refuses with the time left', async () => {
    const limits = new RateLimits(null, 60);
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await limits.consume(tight, 'ip:192.0.2.1'));
    expect(seen.map((o) => o.ok)).toEqual([true, true, true, false]);
    expect(seen.map((o) => o.state.remaining)).toEqual([2, 1, 0, 0]);
    const refused = seen[3];
    expect(refused.ok || refused.retryAfter).toBe(60);
    // Someone else is not affected.
    expect((await limits.consume(tight, 'ip:192.0.2.2')).ok).toBe(true);
  });

  it('blocks repeat offenders for twice as long each time', async () => {
    const limits = new RateLimits(null, 10);
    const policy = { name: 'booking' as const, quota: 1, windowSeconds: 1 };
    const offend = async () => {
      await limits.consume(policy, 'user:u1');
      const o = await limits.consume(policy, 'user:u1');
      if (o.ok) throw new Error('expected a refusal');
      return o;
    };
    const first = await offend();
    expect([first.retryAfter, first.blocked]).toEqual([10, false]);
    // Still blocked: refused without a new offence.
    const during = await limits.consume(policy, 'user:u1');
    expect(during.ok).toBe(false);
    expect(!during.ok && during.retryAfter).toBeGreaterThan(1);
    // Lift the block by hand (as if it had run out) and offend again: 20 s, then 40 s.
    const lift = async () => (limits as unknown as { limiter(p: typeof policy): { delete(k: string): Promise<boolean> } }).limiter(policy).delete('user:u1');
    await lift();
    const second = await offend();
    expect([second.retryAfter, second.blocked]).toEqual([20, true]);
    await lift();
    expect((await offend()).retryAfter).toBe(40);
  });
});
