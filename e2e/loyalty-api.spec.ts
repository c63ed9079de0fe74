import { randomUUID } from 'node:crypto';
import { mintClerkToken } from './support/clerk';
import { E2E_CRON_SECRET } from './support/server-env.mjs';
import { expect, test } from './support/test';

// Governed parameters and Traqora Rewards through the API: the public parameters, a paid
// booking's points pending once the domain-events job ran, history paging, and bad queries
// answered with a 4xx naming the field.

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const auth = (who: string) => ({ authorization: `Bearer ${mintClerkToken(who)}` });
const passenger = { type: 'adult', given_name: 'Ada', family_name: 'Lovelace', date_of_birth: '1985-03-04',
  document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'GB', expires_on: '2035-01-01' } };
const contact = { email: 'ada@example.com', phone: '+447700900123' };

test('the governed parameters are public, with their bounds', async ({ request }) => {
  const res = await request.get('/api/v1/parameters');
  expect(res.status()).toBe(200);
  const { data } = await res.json();
  expect(data.find((p: { key: string }) => p.key === 'platform.fee_bps')).toMatchObject({ value: 250, unit: 'bps', min: 0, max: 1000 });
  expect(data.find((p: { key: string }) => p.key === 'loyalty.redemption_points_per_usd')).toMatchObject({ value: 100 });
});

test('a paid booking shows pending points in the summary and the history', async ({ request }) => {
  expect((await request.get('/api/v1/loyalty')).status()).toBe(401);
  const who = auth(`user_e2e_loyalty_${randomUUID().slice(0, 8)}`);
  const fresh = (await (await request.get('/api/v1/loyalty', { headers: who })).json()).data;
  expect(fresh).toMatchObject({ member: false, tier: 'blue', points: { active: 0, pending: 0 } });

  const search = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(11)}&adults=1&max_stops=0`)).json();
  const flex = search.data[0].fare_options.find((f: { fare_family: string }) => f.fare_family === 'flex');
  const created = await request.post('/api/v1/bookings', { headers: { ...who, 'idempotency-key': randomUUID() },
    data: { offer_id: flex.id, passengers: [passenger], contact } });
  const booking = (await created.json()).data;
  expect((await request.post(`/api/v1/bookings/${booking.pnr}/payments`, { headers: { ...who, 'idempotency-key': randomUUID() } })).status()).toBe(201);
  const job = await request.post('/api/cron/domain-events', { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(job.status()).toBe(200);

  const points = Math.floor(booking.price.base_minor * 5 * 1.5 / 100);
  const summary = (await (await request.get('/api/v1/loyalty', { headers: who })).json()).data;
  expect(summary).toMatchObject({ member: true, points: { active: 0, pending: points }, tier_credits: { pending: Math.floor(booking.price.base_minor / 100) } });

  const first = await (await request.get('/api/v1/loyalty/history?limit=1', { headers: who })).json();
  expect(first.data).toHaveLength(1);
  expect(first.nextCursor).not.toBeNull();
  const second = await (await request.get(`/api/v1/loyalty/history?limit=1&cursor=${first.nextCursor}`, { headers: who })).json();
  expect(second.nextCursor).toBeNull();
  expect([...first.data, ...second.data].map((e: { currency: string }) => e.currency).sort()).toEqual(['points', 'tier_credits']);
  const pending = await (await request.get('/api/v1/loyalty/history?kind=pending', { headers: who })).json();
  expect(pending.data.find((e: { currency: string }) => e.currency === 'points')).toMatchObject({ kind: 'pending', amount: points, source_ref: booking.id });

  for (const [query, field] of [['kind=spent', 'query.kind'], ['limit=0', 'query.limit'], ['cursor=abc', 'query.cursor']]) {
    const bad = await request.get(`/api/v1/loyalty/history?${query}`, { headers: who });
    expect(bad.status()).toBe(400);
    expect(bad.headers()['content-type']).toBe('application/problem+json');
    expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
  }
});

test('checkout previews what a fare earns at the traveller’s tier; bad queries name the field', async ({ request }) => {
  expect((await request.get('/api/v1/loyalty/earn?base_minor=40000&fare_family=flex')).status()).toBe(401);
  const who = auth(`user_e2e_earn_${randomUUID().slice(0, 8)}`);
  const res = await request.get('/api/v1/loyalty/earn?base_minor=40000&fare_family=flex', { headers: who });
  expect(res.status()).toBe(200);
  // $400 × 5 points a dollar × Blue 1 × flex 1.5; tier credits at 1 a dollar
  expect((await res.json()).data).toMatchObject({ points: 3000, tier_credits: 400, tier: 'blue', fare_family_multiplier: 1.5 });
  for (const [query, field] of [['base_minor=-1&fare_family=flex', 'query.base_minor'], ['base_minor=100', 'query.fare_family'], ['base_minor=100&fare_family=gold', 'fare_family']]) {
    const bad = await request.get(`/api/v1/loyalty/earn?${query}`, { headers: who });
    expect(bad.status(), query).toBe(400);
    expect(bad.headers()['content-type']).toContain('application/problem+json');
    expect((await bad.json()).errors, query).toEqual([expect.objectContaining({ field })]);
  }
});
