import { randomUUID } from 'node:crypto';
import { Keypair } from '@stellar/stellar-sdk';
import type { APIRequestContext } from '@playwright/test';
import { mintClerkToken } from './support/clerk';
import { E2E_ADMIN_CLERK_ID } from './support/server-env.mjs';
import { expect, test } from './support/test';

// The console's API as a script would call it (bearer Clerk sessions, no browser): the reads
// the pages make through lib/ directly, and the audited changes the pages make through server
// actions. The assertions here are light on purpose: every answer is checked against the
// OpenAPI document the server publishes (support/test.ts), so these calls are what keeps each
// documented admin answer honest (issue #14: a response in the e2e suite that does not validate
// fails the suite).

const run = randomUUID().slice(0, 8);
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const bearer = (sub: string) => ({ authorization: `Bearer ${mintClerkToken(sub)}` });
// The e2e admin's name is set by whichever request creates the account, and this spec runs first:
// the name the console specs look the admin up by (admin-console.spec.ts finds 'Console Admin').
const ADMIN = { authorization: `Bearer ${mintClerkToken(E2E_ADMIN_CLERK_ID, { claims: { name: 'Console Admin' } })}` };
// a family name this run alone has (names are letters only)
const passenger = { type: 'adult', given_name: 'Mary', family_name: `Apicall${run.replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}`, date_of_birth: '1982-02-09',
  document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'GB', expires_on: '2035-01-01' } };

/** The id of the Clerk user `sub` (created on first sight). */
async function userId(request: APIRequestContext, sub: string): Promise<string> {
  return (await (await request.get('/api/v1/me', { headers: bearer(sub) })).json()).data.id;
}

/** A paid booking on a nonstop `days` ahead for the Clerk user `sub`: its PNR and first segment's airline. */
async function paidBooking(request: APIRequestContext, sub: string, days: number): Promise<{ pnr: string; airline: string }> {
  const search = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(days)}&max_stops=0&limit=5`)).json();
  const offer = search.data.find((o: { slices: { segments: unknown[] }[] }) => o.slices[0].segments.length === 1);
  const created = await request.post('/api/v1/bookings', { headers: { ...bearer(sub), 'idempotency-key': randomUUID() },
    data: { offer_id: offer.fare_options[0].id, passengers: [passenger], contact: { email: 'mary@example.com', phone: '+447700900124' } } });
  expect(created.status(), await created.text()).toBe(201);
  const b = (await created.json()).data;
  const paid = await request.post(`/api/v1/bookings/${b.pnr}/payments`, { headers: { ...bearer(sub), 'idempotency-key': randomUUID() } });
  expect(paid.status(), await paid.text()).toBe(201);
  return { pnr: b.pnr, airline: (b.segments[0].designator as string).slice(0, 2) };
}

test.describe('console API answers', () => {
  test.describe.configure({ timeout: 180_000 });

  test('reads: analytics, audit chain, bookings (list, CSV, one), flights, reconciliation, deliveries, an airline\'s bookings and payouts', async ({ request }) => {
    const { pnr, airline } = await paidBooking(request, `user_e2e_admin_api_${run}`, 13);

    expect((await request.get('/api/v1/admin/analytics?interval=week', { headers: ADMIN })).status()).toBe(200);
    expect((await request.get('/api/v1/admin/audit/verify', { headers: ADMIN })).status()).toBe(200);

    const list = await request.get(`/api/v1/admin/bookings?q=${pnr}`, { headers: ADMIN });
    expect((await list.json()).data.map((b: { pnr: string }) => b.pnr)).toEqual([pnr]);
    const csv = await request.get(`/api/v1/admin/bookings.csv?q=${pnr}`, { headers: ADMIN });
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(pnr);
    const one = (await (await request.get(`/api/v1/admin/bookings/${pnr}`, { headers: ADMIN })).json()).data;
    expect(one).toMatchObject({ pnr, status: 'paid', user: { name: expect.any(String) } });

    expect((await (await request.get(`/api/v1/admin/flights?airline=${airline}&limit=5`, { headers: ADMIN })).json()).data.length).toBeGreaterThan(0);
    expect((await request.get('/api/v1/admin/reconciliation?limit=5', { headers: ADMIN })).status()).toBe(200);
    expect((await request.get('/api/v1/admin/notifications/deliveries?status=sent&limit=5', { headers: ADMIN })).status()).toBe(200);
    // no dead delivery to retry here: the problem answer is still checked against the document
    // (with a body: the optional body is still refused with 415 when none is sent at all)
    expect((await request.post('/api/v1/admin/notifications/deliveries/999999999/retry', { headers: ADMIN, data: {} })).status()).toBe(404);

    const segments = (await (await request.get(`/api/v1/admin/airlines/${airline}/bookings?q=${pnr}`, { headers: ADMIN })).json()).data;
    expect(segments[0]).toMatchObject({ pnr, status: 'paid' });
    expect((await request.get(`/api/v1/admin/airlines/${airline}/payouts?limit=5`, { headers: ADMIN })).status()).toBe(200);
  });

  test('changes: bulk disruption with a refused row, payout account set and put back, a rate-limit rule added and removed, a user found, a role granted and revoked', async ({ request }) => {
    const bulk = await request.post('/api/v1/admin/flights/status-updates', { headers: ADMIN,
      data: { reason: 'e2e: no such flight', updates: [{ flight_id: 900_000_000 + Math.floor(Math.random() * 1e6), status: 'cancelled' }] } });
    expect(await bulk.json()).toMatchObject({ applied: 0, refused: 1, data: [{ ok: false, status: 404 }] });

    const search = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(14)}&max_stops=0&limit=1`)).json();
    const airline = (search.data[0].slices[0].segments[0].designator as string).slice(0, 2);
    const account = `/api/v1/admin/airlines/${airline}/payout-account`;
    const before = (await (await request.get(account, { headers: ADMIN })).json()).data;
    const address = Keypair.random().publicKey();
    const set = await request.put(account, { headers: ADMIN, data: { address, reason: 'e2e: answers' } });
    expect((await set.json()).data).toEqual({ airline, address });
    // back as it was
    if (before.address) expect((await request.put(account, { headers: ADMIN, data: { address: before.address } })).status()).toBe(200);
    else expect((await request.delete(account, { headers: ADMIN })).status()).toBe(204);

    const cidr = `203.0.113.${Math.floor(Math.random() * 250) + 1}/32`;
    const added = await request.post('/api/v1/admin/rate-limits', { headers: ADMIN, data: { cidr, action: 'allow', note: `e2e ${run}` } });
    expect(added.status(), await added.text()).toBe(201);
    const rule = (await added.json()).data;
    expect((await (await request.get('/api/v1/admin/rate-limits', { headers: ADMIN })).json()).data).toContainEqual(rule);
    expect((await (await request.delete(`/api/v1/admin/rate-limits/${rule.id}`, { headers: ADMIN })).json()).data.id).toBe(rule.id);

    const id = await userId(request, `user_e2e_admin_api_staff_${run}`);
    expect((await (await request.get(`/api/v1/admin/users?q=${id}`, { headers: ADMIN })).json()).data.map((u: { id: string }) => u.id)).toEqual([id]);
    const granted = await request.post(`/api/v1/admin/users/${id}/roles`, { headers: ADMIN, data: { role: 'support', reason: 'e2e: answers' } });
    expect(granted.status(), await granted.text()).toBe(201);
    const revoked = await request.delete(`/api/v1/admin/users/${id}/roles`, { headers: ADMIN, data: { role: 'support', reason: 'e2e: answers' } });
    expect((await revoked.json()).data.roles.map((r: { role: string }) => r.role)).not.toContain('support');
  });

  test('refund review: admin proposes a goodwill refund, a finance user denies it', async ({ request }) => {
    const { pnr } = await paidBooking(request, `user_e2e_admin_api_refund_${run}`, 15);
    const proposed = await request.post('/api/v1/admin/refunds', { headers: ADMIN, data: { pnr, kind: 'goodwill', refund_minor: 1000, reason: 'e2e: answers' } });
    expect(proposed.status(), await proposed.text()).toBe(201);
    const request_ = (await proposed.json()).data;
    const queue = (await (await request.get('/api/v1/admin/refunds?status=pending&limit=200', { headers: ADMIN })).json()).data;
    expect(queue.map((r: { id: string }) => r.id)).toContain(request_.id);

    const finance = `user_e2e_admin_api_finance_${run}`;
    const granted = await request.post(`/api/v1/admin/users/${await userId(request, finance)}/roles`, { headers: ADMIN, data: { role: 'finance', reason: 'e2e staff' } });
    expect(granted.status(), await granted.text()).toBe(201);
    const denied = await request.post(`/api/v1/admin/refunds/${request_.id}/decision`, { headers: bearer(finance), data: { decision: 'deny', reason: 'e2e: not owed' } });
    expect(denied.status(), await denied.text()).toBe(200);
    expect((await denied.json()).data).toMatchObject({ id: request_.id, status: 'denied', decision_reason: 'e2e: not owed' });
  });
});
