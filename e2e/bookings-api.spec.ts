import { randomUUID } from 'node:crypto';
import { signOffer } from '@/lib/flights/offer-token';
import { mintClerkToken } from './support/clerk';
import { serverEnv } from './support/server-env.mjs';
import { expect, test } from './support/test';

// The booking API as a client uses it: search → book → pay → cancel, and every malformed
// request answered with a 4xx problem naming the field (never a 500).

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const auth = (who: string) => ({ authorization: `Bearer ${mintClerkToken(who)}` });
const passenger = (given: string) => ({ type: 'adult', given_name: given, family_name: 'Lovelace', date_of_birth: '1985-03-04',
  document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'GB', expires_on: '2035-01-01' } });
const contact = { email: 'ada@example.com', phone: '+447700900123' };

async function problem(res: { status(): number; headers(): Record<string, string>; json(): Promise<{ errors?: { field: string }[] }> }, status: number) {
  expect(res.status()).toBe(status);
  expect(res.headers()['content-type']).toBe('application/problem+json');
  return ((await res.json()).errors ?? []).map((e) => e.field);
}

test.describe('flight search API', () => {
  test('answers priced offers with facets and a cursor', async ({ request }) => {
    const res = await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(10)}&adults=2&limit=2`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.data.length).toBeGreaterThan(0);
    const offer = body.data[0];
    expect(offer).toMatchObject({ cabin: 'economy', passengers: { adults: 2, children: 0, infants: 0 } });
    expect(offer.price.total_minor).toBe(offer.price.base_minor + offer.price.taxes_minor);
    expect(offer.fare_options.map((f: { fare_family: string }) => f.fare_family)).toEqual(['basic', 'standard', 'flex']);
    expect(offer.slices[0].segments[0].origin.time_zone).toBe('America/New_York');
    expect(body.meta.stops.length).toBeGreaterThan(0);
    if (body.meta.matching > 2) {
      const next = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(10)}&adults=2&limit=2&cursor=${body.nextCursor}`)).json();
      expect(next.data[0].id).not.toBe(offer.id);
    }
  });

  test('answers round trips and flexible dates', async ({ request }) => {
    const rt = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(10)}&return_date=${day(15)}`)).json();
    expect(rt.data[0].slices).toHaveLength(2);
    const cal = await (await request.get(`/api/v1/flights/calendar?from=JFK&to=LHR&date=${day(10)}`)).json();
    expect(cal.data.map((d: { date: string }) => d.date)).toEqual([7, 8, 9, 10, 11, 12, 13].map(day));
    expect(cal.data.every((d: { min_price_minor: number | null }) => d.min_price_minor === null || d.min_price_minor > 0)).toBe(true);

    // A return trip: each day moves both flights and is priced as the round trip, which the
    // one-way calendars of the two directions add up to, and the round-trip search agrees with.
    type Day = { date: string; return_date?: string; min_price_minor: number | null };
    const round = (await (await request.get(`/api/v1/flights/calendar?from=JFK&to=LHR&date=${day(10)}&return_date=${day(15)}`)).json()).data as Day[];
    const back = (await (await request.get(`/api/v1/flights/calendar?from=LHR&to=JFK&date=${day(15)}`)).json()).data as Day[];
    expect(round.map((d) => d.return_date)).toEqual([12, 13, 14, 15, 16, 17, 18].map(day));
    round.forEach((d, i) => {
      const out = (cal.data as Day[])[i].min_price_minor;
      const ret = back[i].min_price_minor;
      expect(d.min_price_minor).toBe(out !== null && ret !== null ? out + ret : null);
    });
    const cheapestRoundTrip = Math.min(...(rt.data as { fare_options: { price: { total_minor: number } }[] }[]).flatMap((o) => o.fare_options.map((f) => f.price.total_minor)));
    expect(round[3].min_price_minor).toBeLessThanOrEqual(cheapestRoundTrip);
    const bad = await request.get(`/api/v1/flights/calendar?from=JFK&to=LHR&date=${day(10)}&return_date=${day(9)}`);
    expect(bad.status()).toBe(400);
    expect(((await bad.json()).errors as { field: string }[])[0].field).toBe('query.return_date');
  });

  for (const [query, field] of [
    ['from=JFK&to=JFK&date=D', 'query.to'],
    ['from=JF&to=LHR&date=D', 'query.from'],
    ['from=JFK&to=LHR&date=2026-02-30', 'query.date'],
    ['from=JFK&to=LHR&date=2020-01-01', 'query.date'],
    ['from=JFK&to=LHR&date=D&adults=0', 'query.adults'],
    ['from=JFK&to=LHR&date=D&infants=2', 'query.infants'],
    ['from=JFK&to=LHR&date=D&cabin=luxury', 'query.cabin'],
    ['from=JFK&to=LHR&date=D&sort=cheapest', 'query.sort'],
    ['from=JFK&to=LHR&date=D&max_stops=3', 'query.max_stops'],
    ['from=JFK&to=LHR&date=D&depart_after=25:00', 'query.depart_after'],
    ['from=JFK&to=LHR&date=D&price_min=500&price_max=100', 'query.price_max'],
    ['from=JFK&to=LHR&date=D&cursor=bogus', 'query.cursor'],
  ] as const) {
    test(`search ${query} → 400 naming ${field}`, async ({ request }) => {
      const fields = await problem(await request.get(`/api/v1/flights/search?${query.replace('=D', `=${day(10)}`)}`), 400);
      expect(fields).toContain(field);
    });
  }
});

test.describe('offer pages under Clerk', () => {
  test('an offer id in the path (it contains a dot) still passes the proxy and renders', async ({ page, request, visit }) => {
    const search = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(11)}&max_stops=0`)).json();
    const id: string = search.data[0].id;
    expect(id).toContain('.');
    await visit(`/offers/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});

test.describe('booking API', () => {
  test('book two passengers, retry safely, pay once, cancel for a refund into the wallet', async ({ request }) => {
    const who = auth('user_e2e_api_journey');
    const search = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(12)}&adults=2&max_stops=0`)).json();
    const standard = search.data[0].fare_options.find((f: { fare_family: string }) => f.fare_family === 'standard');
    const body = { offer_id: standard.id, passengers: [passenger('Ada'), passenger('Bob')], contact };
    const key = randomUUID();
    const created = await request.post('/api/v1/bookings', { headers: { ...who, 'idempotency-key': key }, data: body });
    expect(created.status()).toBe(201);
    const booking = (await created.json()).data;
    expect(booking).toMatchObject({ status: 'held', price: { total_minor: standard.price.total_minor } });

    const retried = await request.post('/api/v1/bookings', { headers: { ...who, 'idempotency-key': key }, data: body });
    expect(retried.status()).toBe(200);
    expect((await retried.json()).data.pnr).toBe(booking.pnr);
    const reused = await request.post('/api/v1/bookings', { headers: { ...who, 'idempotency-key': key }, data: { ...body, contact: { ...contact, email: 'x@y.zz' } } });
    expect(await problem(reused, 422)).toContain('Idempotency-Key');

    const pay = () => request.post(`/api/v1/bookings/${booking.pnr}/payments`, { headers: { ...who, 'idempotency-key': randomUUID() } });
    expect((await pay()).status()).toBe(201);
    expect((await pay()).status()).toBe(200); // already paid: nothing charged again
    const wallet = (await (await request.get('/api/v1/wallet', { headers: who })).json()).data;
    expect(wallet.entries.filter((e: { kind: string }) => e.kind === 'payment')).toHaveLength(1);

    const mine = (await (await request.get('/api/v1/bookings', { headers: who })).json()).data;
    expect(mine.map((b: { pnr: string }) => b.pnr)).toContain(booking.pnr);
    expect((await request.get(`/api/v1/bookings/${booking.pnr}`, { headers: auth('user_e2e_someone_else') })).status()).toBe(404);

    const quote = (await (await request.post(`/api/v1/bookings/${booking.pnr}/cancellation-quote`, { headers: who })).json()).data;
    expect(quote).toMatchObject({ refund_minor: booking.price.total_minor - 2 * 7500, refund_to: 'wallet' });
    const done = await request.post(`/api/v1/bookings/${booking.pnr}/cancellation`, { headers: who, data: { quote_id: quote.id } });
    expect((await done.json()).data.booking.status).toBe('refunded');
    const again = await request.post(`/api/v1/bookings/${booking.pnr}/cancellation`, { headers: who, data: { quote_id: quote.id } });
    expect(again.headers()['idempotent-replayed']).toBe('true');
    const after = (await (await request.get('/api/v1/wallet', { headers: who })).json()).data;
    expect(after.balance_minor).toBe(wallet.balance_minor + quote.refund_minor);
    expect(after.entries[0]).toMatchObject({ kind: 'refund', pnr: booking.pnr, amount_minor: quote.refund_minor });
  });

  test('an expired offer cannot be booked', async ({ request }) => {
    const search = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(12)}&max_stops=0`)).json();
    const [payload] = search.data[0].id.slice(4).split('.');
    const [slices, cabin, family, adults, children, infants, total, currency] = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const expired = signOffer({ slices, cabin, family, passengers: { adults, children, infants }, total_minor: total, currency, expires: Math.floor(Date.now() / 1000) - 1 },
      serverEnv().SESSION_SECRET);
    expect(await problem(await request.get(`/api/v1/offers/${expired}`), 410)).toContain('offer_id');
    const res = await request.post('/api/v1/bookings', { headers: { ...auth('user_e2e_late'), 'idempotency-key': randomUUID() },
      data: { offer_id: expired, passengers: [passenger('Late')], contact } });
    expect(await problem(res, 410)).toContain('offer_id');
  });

  test('malformed bookings get 4xx problems naming the field, and nothing is held', async ({ request }) => {
    const who = { ...auth('user_e2e_sloppy'), 'idempotency-key': randomUUID() };
    const search = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(13)}&max_stops=0`)).json();
    const offer = search.data[0];
    const post = (data: unknown, headers: Record<string, string> = who) => request.post('/api/v1/bookings', { headers, data });

    expect(await problem(await post({ offer_id: offer.id, passengers: [passenger('Ada')], contact }, auth('user_e2e_sloppy')), 400)).toEqual(['Idempotency-Key']);
    expect(await problem(await request.post('/api/v1/bookings', { data: {} }), 401)).toEqual([]);
    expect(await problem(await post({ passengers: [passenger('Ada')], contact }), 400)).toContain('body.offer_id');
    expect(await problem(await post({ offer_id: 'off_forged.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', passengers: [passenger('Ada')], contact }), 400)).toContain('offer_id');
    expect(await problem(await post({ offer_id: offer.id, passengers: [{ ...passenger('Ада') }], contact }), 400)).toContain('body.passengers.0.given_name');
    expect(await problem(await post({ offer_id: offer.id, passengers: [passenger('Ada')], contact: { ...contact, phone: '0770' } }), 400)).toContain('body.contact.phone');
    const noPassport = { ...passenger('Ada'), document: undefined }; // dropped when sent as JSON
    expect(await problem(await post({ offer_id: offer.id, passengers: [noPassport], contact }), 400)).toContain('body.passengers.0.document');
    expect(await problem(await post({ offer_id: offer.id, passengers: [passenger('Ada'), passenger('Bob')], contact }), 400)).toContain('body.passengers');
    expect(await problem(await post({ offer_id: offer.id, passengers: [{ ...passenger('Kid'), date_of_birth: '2020-01-01' }], contact }), 400)).toContain('body.passengers.0.date_of_birth');
    const notJson = await request.post('/api/v1/bookings', { headers: { ...who, 'content-type': 'application/json' }, data: '{"offer_id":' });
    expect(await problem(notJson, 400)).toEqual(['body']);
    expect((await (await request.get('/api/v1/bookings', { headers: auth('user_e2e_sloppy') })).json()).data).toEqual([]);

    expect(await problem(await request.post('/api/v1/bookings/NOPE!!/payments', { headers: who }), 404)).toContain('params.pnr');
    expect(await problem(await request.post('/api/v1/bookings/ABCDEF/payments', { headers: who }), 404)).toContain('pnr');
    expect(await problem(await request.post('/api/v1/bookings/ABCDEF/cancellation', { headers: who, data: { quote_id: 'x' } }), 400)).toContain('body.quote_id');
  });
});
