import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { devnetMissing } from '@/e2e/support/server-env.mjs';
import { expect, expectAccessible, test } from '@/e2e/support/test';

// `npm run dev:chain` as a newcomer uses it (playwright.dev-chain.config.ts starts the script
// itself): the wallet picker's development wallet — a key in this browser, funded by the
// devnet's friendbot and mint — signs in, pays a booking into the real escrow contract on the
// devnet, the payment confirms from RPC, the in-process scheduler's indexer reconciles it with
// the contract's events, and a cancellation is settled on chain by the server signer and shows
// on the wallet page. Nothing is driven through cron or the API except holding the seats.

test.skip(devnetMissing() !== null, `npm run dev:chain needs the devnet: ${devnetMissing()}`);

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('the development wallet pays a booking on the local devnet; it confirms, is indexed and reconciled, and a cancellation settles on chain', async ({ page, visit }) => {
  await visit('/');
  await page.getByRole('banner').getByRole('button', { name: 'Sign in with a wallet' }).click();
  const picker = page.getByRole('dialog', { name: 'Sign in with a wallet' });
  const devWallet = picker.getByRole('button', { name: /Development wallet \(devnet only\)/ });
  await expect(devWallet).toContainText('funded by the local devnet');
  await devWallet.click();
  await expect(picker).toBeHidden();
  const banner = page.getByRole('banner');
  await expect(banner).toContainText(/Wallet G[A-Z2-7]{3}…[A-Z2-7]{4}/);
  await shot(page, '1-signed-in');

  // The seats: a one-adult nonstop, Standard fare, held for the signed-in wallet.
  const search = await (await page.request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(20)}&adults=1&max_stops=0`, { timeout: 300_000 })).json();
  const standard = search.data[0].fare_options.find((f: { fare_family: string }) => f.fare_family === 'standard');
  const held = await page.request.post('/api/v1/bookings', {
    timeout: 300_000,
    headers: { 'idempotency-key': randomUUID() },
    data: {
      offer_id: standard.id,
      passengers: [{ type: 'adult', given_name: 'Grace', family_name: 'Hopper', date_of_birth: '1986-12-09',
        document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'US', expires_on: '2035-01-01' } }],
      contact: { email: 'grace@example.com', phone: '+14155550123' },
    },
  });
  expect(held.status(), await held.text()).toBe(201);
  const pnr: string = (await held.json()).data.pnr;

  await visit(`/trips/${pnr}/pay`);
  await expect(page.getByRole('radio', { name: /Development wallet/ })).toBeChecked();
  await expect(page.getByText('Paid from your Stellar wallet into Traqora’s escrow contract')).toBeVisible();
  await shot(page, '2-pay');
  await page.getByRole('button', { name: /^Pay .* with Development wallet \(devnet only\)$/ }).click();
  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible({ timeout: 300_000 });
  await expect(page.getByText(/Paid on Stellar in transaction/)).toBeVisible();
  await expectAccessible(page, 'paid with the development wallet');
  await shot(page, '3-confirmed');

  const booking = (await (await page.request.get(`/api/v1/bookings/${pnr}`)).json()).data;
  expect(booking).toMatchObject({ status: 'paid', payment_rail: 'soroban' });
  expect(booking.chain_payments).toMatchObject([{ status: 'confirmed' }]);

  // The scheduler's index-chain job (every 15 s under next dev) reads the escrow's events.
  await expect(async () => {
    await visit(`/trips/${pnr}`);
    await expect(page.getByTestId('chain-reconciled')).toHaveText(/Reconciled with the escrow contract/, { timeout: 5_000 });
  }).toPass({ timeout: 180_000, intervals: [5_000] });
  await expect(page.getByText('Held in escrow')).toBeVisible();
  await shot(page, '4-reconciled');

  // Cancelling: the settle-chain job (every minute) sends settle_cancellation from the server signer.
  await page.getByRole('button', { name: 'Cancel booking' }).click();
  const cancel = page.getByRole('dialog');
  await expect(cancel).toContainText('back to the Stellar account that paid');
  await cancel.getByRole('button', { name: /^(Cancel and refund|Confirm cancellation)/ }).click();
  await expect(page.getByText(/goes back from the escrow contract to the account that paid/)).toBeVisible();
  await expect(async () => {
    const view = (await (await page.request.get(`/api/v1/bookings/${pnr}/chain`)).json()).data;
    expect(view).toMatchObject({ reconciled: true, segments: [{ chain_state: 'refunded', agrees: true }] });
  }).toPass({ timeout: 300_000, intervals: [10_000] });

  await visit('/wallet');
  const history = page.getByRole('list').filter({ hasText: 'Payment into escrow' });
  await expect(history.getByRole('listitem').filter({ hasText: 'Refund from escrow' })).toContainText('Confirmed');
  await expect(history.getByRole('listitem').filter({ hasText: 'Payment into escrow' })).toContainText(pnr);
  await shot(page, '5-wallet');
});
