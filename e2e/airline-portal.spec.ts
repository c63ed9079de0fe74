import { randomUUID } from 'node:crypto';
import { Keypair, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import type { APIRequestContext, Page } from '@playwright/test';
import { CHAIN_NETWORK, failNext, fundWallet } from './support/chain';
import { installFreighterStandIn } from './support/freighter-stand-in';
import { mintClerkToken, signInWithClerk } from './support/clerk';
import { E2E_ADMIN_CLERK_ID, E2E_CHAIN_BACKEND, E2E_CHAIN_BASE_URL, E2E_CRON_SECRET, E2E_NETWORK_PASSPHRASE } from './support/server-env.mjs';
import { expect, test } from './support/test';

// The airline portal and money on chain in Chromium: an airline's operator sees its bookings
// (and cannot read another airline's), its payouts, and changes its payout account; support
// proposes a goodwill refund from a booking's page; finance retries a settlement that failed on
// chain and the signer's next run confirms it. Axe runs on every page visited (support/test.ts);
// screenshots at desktop and phone width go to the test's output folder for review.

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const run = randomUUID().slice(0, 8);
const bearer = (sub: string) => ({ authorization: `Bearer ${mintClerkToken(sub)}` });
const ADMIN = bearer(E2E_ADMIN_CLERK_ID);
const passenger = { type: 'adult', given_name: 'Katherine', family_name: 'Johnson', date_of_birth: '1988-08-26',
  document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'US', expires_on: '2035-01-01' } };
const contact = { email: 'katherine@example.com', phone: '+14155550199' };

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-desktop.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath(`${name}-phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

async function signIn(page: Page, sub: string) {
  await page.context().clearCookies();
  await signInWithClerk(page.context(), sub, { name: sub });
}

/** Grants `role` (for `airline`, when given) to the Clerk user `sub` on the server `request` talks to. */
async function grant(request: APIRequestContext, sub: string, role: string, airline?: string) {
  const me = await (await request.get('/api/v1/me', { headers: bearer(sub) })).json();
  const res = await request.post(`/api/v1/admin/users/${me.data.id}/roles`, { headers: ADMIN, data: { role, airline, reason: 'e2e staff' } });
  expect([201, 409], await res.text()).toContain(res.status());
}

/** A booking on a nonstop `days` ahead for the signed-in traveller, paid when `pay`. */
async function booking(request: APIRequestContext, days: number, family = 'standard', pay = true) {
  const search = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(days)}&max_stops=0&limit=5`)).json();
  const offer = search.data.find((o: { slices: { segments: unknown[] }[] }) => o.slices[0].segments.length === 1);
  const fare = offer.fare_options.find((f: { fare_family: string }) => f.fare_family === family);
  const created = await request.post('/api/v1/bookings', { headers: { 'idempotency-key': randomUUID() }, data: { offer_id: fare.id, passengers: [passenger], contact } });
  expect(created.status(), await created.text()).toBe(201);
  const b = (await created.json()).data;
  if (pay) {
    const paid = await request.post(`/api/v1/bookings/${b.pnr}/payments`, { headers: { 'idempotency-key': randomUUID() } });
    expect([200, 201], await paid.text()).toContain(paid.status());
  }
  const seg = b.segments[0];
  return { pnr: b.pnr as string, total: b.price.total_minor as number, flightId: seg.flight_id as number, airline: (seg.designator as string).slice(0, 2), departsAt: seg.departs_at as string };
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(600_000);
  expect((await request.get('/api/health', { timeout: 590_000 })).status()).toBe(200);
});
test.describe.configure({ timeout: 300_000 });

test.describe('airline portal', () => {
  test('an operator sees its own bookings, payouts and payout account, and nothing of another airline', async ({ page, visit }) => {
    await signIn(page, `user_e2e_portal_traveller_${run}`);
    const b = await booking(page.request, 11);
    const other = b.airline === 'BA' ? 'DL' : 'BA';

    const operator = `user_e2e_portal_operator_${run}`;
    await grant(page.request, operator, 'operator', b.airline);
    await signIn(page, operator);

    await visit('/airline');
    await expect(page.getByRole('heading', { name: `Airline portal · ${b.airline}` })).toBeVisible();
    await visit(`/airline/bookings?q=${b.pnr}&from=`);
    const row = page.locator(`tr[data-pnr="${b.pnr}"]`);
    await expect(row).toContainText('Katherine Johnson');
    await expect(row).toContainText('Confirmed');
    await shoot(page, 'portal-bookings');
    // the filters are the URL: a status that excludes the booking hides it
    await page.getByLabel('Status').selectOption('refunded');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByRole('heading', { name: 'No bookings match' })).toBeVisible();
    expect(new URL(page.url()).searchParams.get('status')).toBe('refunded');

    const csv = await page.request.get(`/api/v1/admin/airlines/${b.airline}/bookings.csv?q=${b.pnr}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).split('\r\n').filter(Boolean)).toHaveLength(2);
    for (const path of ['bookings', 'bookings.csv', 'payouts', 'payout-account']) {
      const refused = await page.request.get(`/api/v1/admin/airlines/${other}/${path}`);
      expect(refused.status(), path).toBe(403);
    }
    expect((await page.goto('/admin'))?.status()).toBe(403);   // the console is not the operator's

    await visit('/airline/payouts');
    await expect(page.getByText('Held in escrow')).toBeVisible();
    await shoot(page, 'portal-payouts');

    await visit('/airline/payout-account');
    const address = Keypair.random().publicKey();
    await page.getByLabel('Stellar address').fill('GNOTANADDRESS');
    await page.getByLabel('Reason for the change').fill('Treasury moved to a new account');
    await page.getByRole('button', { name: 'Save address' }).click();
    await expect(page.getByText('must be a Stellar account (G…) or contract (C…) address')).toBeVisible();
    await page.getByLabel('Stellar address').fill(address);
    await page.getByRole('button', { name: 'Save address' }).click();
    await expect(page.getByText('Payout account saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('payout-address')).toHaveText(address);
    await shoot(page, 'portal-payout-account');
    const audit = await (await page.request.get('/api/v1/admin/audit?action=airline.payout_account_set&limit=1', { headers: ADMIN })).json();
    expect(audit.data[0]).toMatchObject({ actor_role: 'operator', resource_id: b.airline });

    // a disruption refund on its own delayed flight: small, so it pays at once
    const delayed = await page.request.post(`/api/v1/admin/flights/${b.flightId}/status`, {
      data: { status: 'delayed', departs_at: new Date(new Date(b.departsAt).getTime() + 100 * 60_000).toISOString(), reason: 'Crew rest' } });
    expect(delayed.status(), await delayed.text()).toBe(200);
    const refund = await page.request.post(`/api/v1/admin/flights/${b.flightId}/refunds`, { data: { pnr: b.pnr, refund_minor: 1500, reason: 'Missed a meeting' } });
    expect(refund.status(), await refund.text()).toBe(201);
    expect((await refund.json()).data).toMatchObject({ outcome: 'refunded', refund_minor: 1500 });
  });

  test('support proposes a goodwill refund from the booking page; it waits in the review queue', async ({ page, visit }) => {
    await signIn(page, `user_e2e_goodwill_traveller_${run}`);
    const b = await booking(page.request, 12, 'basic');
    const support = `user_e2e_goodwill_support_${run}`;
    await grant(page.request, support, 'support');
    await signIn(page, support);
    await visit(`/admin/bookings/${b.pnr}`);
    await page.getByRole('button', { name: 'Goodwill refund' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Amount (USD)').fill('40.50');
    await dialog.getByLabel('Reason').fill('Seat was broken on the outbound');
    await shoot(page, 'goodwill-dialog');
    await dialog.getByRole('button', { name: 'Propose refund' }).click();
    await expect(dialog.getByText('now waits for a decision in the refund review queue')).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await visit('/admin/refunds');
    const req = page.locator(`tr[data-pnr="${b.pnr}"]`);
    await expect(req).toContainText('$40.50');
    await expect(req).toContainText('goodwill');
    await expect(req).toContainText('Waiting for finance or an admin');
  });
});

test.describe('money on chain', () => {
  test.use({ baseURL: E2E_CHAIN_BASE_URL });

  async function cron(request: APIRequestContext, job: string) {
    const res = await request.post(`/api/cron/${job}`, { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
    expect(res.status(), `${job}: ${await res.text()}`).toBe(200);
    return res.json();
  }

  test('finance retries a settlement that failed on chain, audited, and the signer confirms it', async ({ page, visit }) => {
    // a traveller pays on chain with a wallet, then cancels: a cancellation settlement is queued
    const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
    await fundWallet(page.request, wallet.keypair.publicKey());
    const { transaction } = await (await page.request.get(`/api/v1/auth?account=${wallet.keypair.publicKey()}`)).json();
    const tx = TransactionBuilder.fromXDR(transaction, E2E_NETWORK_PASSPHRASE) as Transaction;
    tx.sign(wallet.keypair);
    expect((await page.request.post('/api/v1/auth', { data: { transaction: tx.toXDR() } })).status()).toBe(200);
    const b = await booking(page.request, 23, 'flex', false);
    await visit(`/trips/${b.pnr}/pay`);
    await page.getByRole('button', { name: /^Pay .* with Freighter$/ }).click();
    await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible({ timeout: 30_000 });
    const quote = await page.request.post(`/api/v1/bookings/${b.pnr}/cancellation-quote`);
    expect(quote.status(), await quote.text()).toBe(201);
    const cancelled = await page.request.post(`/api/v1/bookings/${b.pnr}/cancellation`, { data: { quote_id: (await quote.json()).data.id } });
    expect(cancelled.status(), await cancelled.text()).toBe(200);

    // the escrow refuses it every time until the signer gives up: the row is failed
    const finance = `user_e2e_finance_${run}`;
    await grant(page.request, finance, 'finance');
    const failedRow = async () => {
      const list = await (await page.request.get('/api/v1/admin/settlements?status=failed&limit=50', { headers: bearer(finance) })).json();
      return list.data.find((s: { pnr: string }) => s.pnr === b.pnr) as { id: number; attempts: number } | undefined;
    };
    for (let i = 0; i < 8 && !(await failedRow()); i++) {
      await failNext(page.request, 'simulate', 'HostError: Error(Storage, MissingValue)');
      await cron(page.request, 'settle-chain');
    }
    const failed = await failedRow();
    expect(failed, 'a failed settlement').toBeTruthy();

    await signIn(page, finance);
    await visit('/admin/money');
    const row = page.locator(`tr[data-settlement-id="${failed!.id}"]`);
    await expect(row).toContainText('failed');
    await shoot(page, 'money-failed');
    await row.getByRole('textbox', { name: `Reason to retry settlement ${failed!.id} of ${b.pnr}` }).fill('RPC node was failing; retrying');
    await row.getByRole('button', { name: `Retry settlement ${failed!.id} of ${b.pnr}` }).click();
    // back in the outbox: it leaves the failed list, and the signer's queue has it
    await expect(row).toHaveCount(0);
    const pending = await (await page.request.get('/api/v1/admin/settlements?status=pending&limit=50')).json();
    expect(pending.data.map((s: { id: number }) => s.id)).toContain(failed!.id);

    const settled = await cron(page.request, 'settle-chain');
    expect((settled.result ?? settled).confirmed).toBeGreaterThanOrEqual(1);
    await visit('/admin/money?status=confirmed');
    const confirmed = page.locator(`tr[data-settlement-id="${failed!.id}"]`);
    await expect(confirmed).toContainText('confirmed');
    // what the escrow's event says it moved: refund + airline + fee = what the booking escrowed
    if (E2E_CHAIN_BACKEND === 'devnet') {
      const shown = async (part: string) => {
        const [whole, frac = ''] = (await confirmed.locator(`[data-moved="${part}"]`).innerText()).replace(/[^0-9.]/g, '').split('.');
        return BigInt(whole) * 10_000_000n + BigInt(frac.padEnd(7, '0'));
      };
      const api = (await (await page.request.get('/api/v1/admin/settlements?status=confirmed&limit=50')).json()).data
        .find((s: { id: number }) => s.id === failed!.id) as { moved: { refund: string; to_airline: string; fee: string } | null };
      expect(api.moved, 'the settle job read the escrow event').toBeTruthy();
      for (const part of ['refund', 'to_airline', 'fee'] as const) expect(await shown(part)).toBe(BigInt(api.moved![part]));
      expect(await shown('refund')).toBeGreaterThan(0n);
    }
    await shoot(page, 'money-confirmed');
    const audit = await (await page.request.get('/api/v1/admin/audit?action=settlement.retried&limit=1', { headers: ADMIN })).json();
    expect(audit.data[0]).toMatchObject({ actor_role: 'finance', resource_id: String(failed!.id), reason: 'RPC node was failing; retrying' });
  });
});
