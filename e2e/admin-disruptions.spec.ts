import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { E2E_ADMIN_CLERK_ID } from './support/server-env.mjs';
import { mintClerkToken, signInWithClerk } from './support/clerk';
import { expect, test } from './support/test';

// The console's disruptions and refund review in Chromium: ops cancels a flight and the
// traveller's paid booking shows refunded; a refund proposed by one finance user is approved by
// another (the proposer cannot decide it). Screenshots go to test-results for review.

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const passenger = { type: 'adult', given_name: 'Ada', family_name: 'Lovelace', date_of_birth: '1985-03-04',
  document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'GB', expires_on: '2035-01-01' } };
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/disruptions-${name}.png`, fullPage: true });

// Clerk is configured in e2e (dev personas are off): users sign in with locally minted Clerk
// sessions; the bootstrap admin grants the console roles.
const run = randomUUID().slice(0, 8);
const bearer = (sub: string) => ({ authorization: `Bearer ${mintClerkToken(sub)}` });

async function signIn(page: Page, sub: string) {
  await page.context().clearCookies();
  await signInWithClerk(page.context(), sub);
}

/** A Clerk user `sub` holding `role` (granted by the bootstrap admin). */
async function staff(page: Page, sub: string, role: string): Promise<string> {
  const me = await (await page.request.get('/api/v1/me', { headers: bearer(sub) })).json();
  const res = await page.request.post(`/api/v1/admin/users/${me.data.id}/roles`, { headers: bearer(E2E_ADMIN_CLERK_ID), data: { role, reason: 'e2e staff' } });
  expect([201, 409], await res.text()).toContain(res.status());
  return sub;
}

/** A paid basic-fare booking on a nonstop flight `days` ahead, for the signed-in traveller. */
async function paidBooking(page: Page, from: string, to: string, days: number): Promise<{ pnr: string; flightId: number; designator: string; departsAt: string }> {
  const search = await (await page.request.get(`/api/v1/flights/search?from=${from}&to=${to}&date=${day(days)}&max_stops=0&limit=5`)).json();
  const offer = search.data.find((o: { slices: { segments: unknown[] }[] }) => o.slices[0].segments.length === 1);
  const basic = offer.fare_options.find((f: { fare_family: string }) => f.fare_family === 'basic');
  const created = await page.request.post('/api/v1/bookings', { headers: { 'idempotency-key': randomUUID() },
    data: { offer_id: basic.id, passengers: [passenger], contact: { email: 'ada@example.com', phone: '+447700900123' } } });
  expect(created.status(), await created.text()).toBe(201);
  const { data: booking } = await created.json();
  const paid = await page.request.post(`/api/v1/bookings/${booking.pnr}/payments`, { headers: { 'idempotency-key': randomUUID() } });
  expect([200, 201], await paid.text()).toContain(paid.status());
  const seg = booking.segments[0];
  return { pnr: booking.pnr, flightId: seg.flight_id, designator: seg.designator.replace(' ', ''), departsAt: seg.departs_at };
}

// A cold server migrates and seeds its in-memory database on the first request (a minute or
// more on a busy machine): wait for that once, not inside each test's budget.
test.beforeAll(async ({ request }) => {
  test.setTimeout(600_000);
  expect((await request.get('/api/health', { timeout: 590_000 })).status()).toBe(200);
});
// each test signs in several users and renders console pages: generous on a shared machine
test.describe.configure({ timeout: 240_000 });

test.describe('flights and disruptions', () => {
  test('ops cancels a flight and the traveller sees the paid booking refunded', async ({ page, visit }) => {
    const traveller = `user_e2e_disrupted_${run}`;
    await signIn(page, traveller);
    const { pnr, flightId, designator } = await paidBooking(page, 'JFK', 'LHR', 9);

    await signIn(page, await staff(page, `user_e2e_ops_${run}`, 'ops'));
    await visit(`/admin/flights?q=${designator}`);
    const row = page.locator(`tr[data-flight-id="${flightId}"]`);
    await expect(row).toContainText('1 paid');
    await shot(page, 'flights-board');
    await row.getByRole('button', { name: `Cancel ${designator}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Aircraft on ground, no replacement');
    await shot(page, 'cancel-dialog');
    await dialog.getByRole('button', { name: 'Cancel and refund' }).click();
    await expect(dialog.getByRole('list', { name: 'Results' })).toContainText('now cancelled · 1 booking refunded');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(row).toContainText('cancelled');

    // a retry changes nothing (the API answers changed: false)
    const again = await page.request.post(`/api/v1/admin/flights/${flightId}/status`, { data: { status: 'cancelled', reason: 'double click' } });
    expect((await again.json()).data.changed).toBe(false);

    await signIn(page, traveller);
    await visit(`/trips/${pnr}`);
    await expect(page.getByText('Refunded').first()).toBeVisible();
    await expect(page.getByText(/cancelled by the airline; full refund/)).toBeVisible();
    await shot(page, 'trip-refunded');
  });

  test('a delay over 3 hours shows free cancellation on the trip page', async ({ page, visit }) => {
    const traveller = `user_e2e_delayed_${run}`;
    await signIn(page, traveller);
    const { pnr, flightId, departsAt } = await paidBooking(page, 'LHR', 'JFK', 10);
    await signIn(page, await staff(page, `user_e2e_ops_${run}`, 'ops'));
    const res = await page.request.post(`/api/v1/admin/flights/${flightId}/status`, {
      data: { status: 'delayed', departs_at: new Date(Date.parse(departsAt) + 200 * 60_000).toISOString(), reason: 'Late inbound aircraft' } });
    expect(res.status(), await res.text()).toBe(200);
    await signIn(page, traveller);
    await visit(`/trips/${pnr}`);
    await expect(page.getByRole('status').filter({ hasText: 'Free cancellation' })).toContainText('delayed by 3 h 20 min');
    await shot(page, 'trip-free-cancellation');
  });
});

test.describe('refund review (maker–checker)', () => {
  test('finance proposes, the proposer cannot decide, a second user approves and the refund is paid', async ({ page, visit }) => {
    const traveller = `user_e2e_goodwill_${run}`;
    await signIn(page, traveller);
    const { pnr } = await paidBooking(page, 'JFK', 'LAX', 11);
    const before = (await (await page.request.get('/api/v1/wallet')).json()).data.balance_minor as number;

    await signIn(page, await staff(page, `user_e2e_finance_${run}`, 'finance'));
    await visit('/admin/refunds');
    await page.getByLabel('Booking reference').fill(pnr);
    await page.getByLabel('Amount (USD)').fill('25.50');
    await page.getByLabel('Reason', { exact: true }).fill('Missed the flight after a hospital visit');
    await page.getByRole('button', { name: 'Propose refund' }).click();
    await expect(page.getByText(`Refund for ${pnr} proposed`)).toBeVisible();
    const row = page.locator(`tr[data-pnr="${pnr}"]`);
    await expect(row).toContainText('You proposed this');
    await shot(page, 'refunds-proposed');
    const queue = (await (await page.request.get('/api/v1/admin/refunds?status=pending')).json()).data as { id: string; pnr: string }[];
    const request = queue.find((r) => r.pnr === pnr)!;
    const self = await page.request.post(`/api/v1/admin/refunds/${request.id}/decision`, { data: { decision: 'approve' } });
    expect(self.status()).toBe(403);

    await signIn(page, E2E_ADMIN_CLERK_ID);
    await visit('/admin/refunds');
    await row.getByRole('button', { name: `Approve refund for ${pnr}` }).click();
    await expect(page.locator(`tr[data-pnr="${pnr}"]`)).toHaveCount(0);   // left the waiting list
    await visit('/admin/refunds?status=approved');
    await expect(page.locator(`tr[data-pnr="${pnr}"]`)).toContainText('approved');
    await shot(page, 'refunds-approved');

    await signIn(page, traveller);
    const after = (await (await page.request.get('/api/v1/wallet')).json()).data.balance_minor as number;
    expect(after - before).toBe(2550);
    await visit(`/trips/${pnr}`);
    await expect(page.getByText('Refunded').first()).toBeVisible();
  });
});
