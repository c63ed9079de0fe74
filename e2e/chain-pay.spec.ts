import { randomUUID } from 'node:crypto';
import { Keypair, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import type { APIRequestContext, Page } from '@playwright/test';
import { CHAIN_NETWORK, chainTransaction, escrowBookings, failNext, fundWallet, serverAccount } from './support/chain';
import { installFreighterStandIn, PUBLIC, type StandInWallet } from './support/freighter-stand-in';
import { mintClerkToken } from './support/clerk';
import { devnetMissing, E2E_ADMIN_CLERK_ID, E2E_CHAIN_BACKEND, E2E_CHAIN_BASE_URL, E2E_CRON_SECRET, E2E_NETWORK_PASSPHRASE } from './support/server-env.mjs';
import { expect, expectAccessible, test } from './support/test';

// The soroban rail end to end: the app configured for the chain (a second `next start` of the
// same build), the real @stellar/freighter-api against the in-test extension stand-in signing
// with a real keypair, and at the network edge the devnet: the real Soroban host running the
// contracts' wasm, with genesis's escrow, server signer and quote key (simulate → send →
// getTransaction, real events for the indexer, settlement by the server signer). Where the
// devnet is not built, the TypeScript stand-in that emulates the escrow (playwright.config.ts
// says which one a run uses).

test.use({ baseURL: E2E_CHAIN_BASE_URL });

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const passenger = (given: string) => ({ type: 'adult', given_name: given, family_name: 'Hopper', date_of_birth: '1986-12-09',
  document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'US', expires_on: '2035-01-01' } });
const contact = { email: 'grace@example.com', phone: '+14155550123' };

/** The escrow booking ids of a booking's segments (the app derives them; the chain view lists them). */
async function escrowIds(page: Page, pnr: string): Promise<string[]> {
  const view = (await (await page.request.get(`/api/v1/bookings/${pnr}/chain`)).json()).data;
  return view.segments.map((s: { booking_id: string }) => s.booking_id);
}
async function cron(request: APIRequestContext, job: string) {
  const res = await request.post(`/api/cron/${job}`, { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(res.status(), `${job}: ${await res.text()}`).toBe(200);
  return res.json();
}

/** SEP-10 sign-in for the page's browser context, signed by the wallet's key (the UI path is tested below). */
async function signInByApi(page: Page, kp: Keypair) {
  const { transaction } = await (await page.request.get(`/api/v1/auth?account=${kp.publicKey()}`)).json();
  const tx = TransactionBuilder.fromXDR(transaction, E2E_NETWORK_PASSPHRASE) as Transaction;
  tx.sign(kp);
  expect((await page.request.post('/api/v1/auth', { data: { transaction: tx.toXDR() } })).status()).toBe(200);
}

/** A held booking for the signed-in traveller: a nonstop, Standard fare, `n` adults. */
async function holdBooking(page: Page, n = 1, daysAhead = 20): Promise<{ pnr: string; total_minor: number }> {
  const search = await (await page.request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(daysAhead)}&adults=${n}&max_stops=0`)).json();
  const standard = search.data[0].fare_options.find((f: { fare_family: string }) => f.fare_family === 'standard');
  const res = await page.request.post('/api/v1/bookings', {
    headers: { 'idempotency-key': randomUUID() },
    data: { offer_id: standard.id, passengers: Array.from({ length: n }, (_, i) => passenger(`Grace${'abcdefgh'[i]}`)), contact },
  });
  expect(res.status()).toBe(201);
  const b = (await res.json()).data;
  return { pnr: b.pnr, total_minor: b.price.total_minor };
}

async function openPay(page: Page, visit: (p: string) => Promise<void>, pnr: string) {
  await visit(`/trips/${pnr}/pay`);
  await expect(page.getByRole('radio', { name: /Freighter/ })).toBeChecked();
  await expect(page.getByText('Installed').first()).toBeVisible();
  return page.getByRole('button', { name: /^Pay .* with Freighter$/ });
}

/** The page's alert, not Next's (empty) route announcer, which also has role=alert. */
const notice = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');
const step = (page: Page, label: RegExp) => page.getByRole('list', { name: 'Payment progress' }).getByRole('listitem').filter({ hasText: label });

test.describe('soroban rail: paying into the escrow contract from a wallet', () => {
  test('signs in with Freighter, pays a two-passenger booking on chain, watches it confirm, sees it reconciled and settles a cancellation', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
    const payer = wallet.keypair.publicKey();
    await fundWallet(page.request, payer);
    await visit('/');
    await page.getByRole('banner').getByRole('button', { name: 'Sign in with a wallet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in with a wallet' });
    await dialog.getByRole('button', { name: /Freighter/ }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('banner')).toContainText(`Wallet ${payer.slice(0, 4)}…${payer.slice(-4)}`);

    const { pnr, total_minor } = await holdBooking(page, 2);
    const health = await (await page.request.get('/api/health')).json();
    expect(health.mode.paymentRail).toBe('soroban');

    const pay = await openPay(page, visit, pnr);
    await expect(page.getByText('Paid from your Stellar wallet into Traqora’s escrow contract')).toBeVisible();
    const signaturesBefore = wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length;
    await pay.click();

    await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('pnr')).toHaveText(pnr);
    await expect(page.getByText('the on-chain escrow contract')).toBeVisible();
    await expect(page.getByText(/Paid on Stellar in transaction/)).toBeVisible();
    await expectAccessible(page, 'soroban payment confirmed');
    // The wallet was asked for exactly one signature, for one pay_quoted transaction.
    expect(wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length - signaturesBefore).toBe(1);

    // The chain's escrow holds the full amount from the wallet's account, paid by one pay_quoted.
    const booking = (await (await page.request.get(`/api/v1/bookings/${pnr}`)).json()).data;
    expect(booking).toMatchObject({ status: 'paid', payment_rail: 'soroban', escrow_balance_minor: 0, payments: [] });
    const txHash = booking.chain_payments.find((p: { status: string }) => p.status === 'confirmed').tx_hash;
    expect(await chainTransaction(page.request, txHash)).toMatchObject({ status: 'SUCCESS', function: 'pay_quoted' });
    const ids = await escrowIds(page, pnr);
    const escrowed = await escrowBookings(page.request, ids);
    expect(escrowed.map((b) => [b.passenger, b.state])).toEqual(ids.map(() => [payer, 'Paid']));
    expect(escrowed.reduce((sum, b) => sum + BigInt(b.amount), 0n)).toBe(BigInt(total_minor) * 100_000n);

    // The indexer reads the escrow's events; the trip page shows the booking reconciled.
    await cron(page.request, 'index-chain');
    await visit(`/trips/${pnr}`);
    await expect(page.getByTestId('chain-reconciled')).toHaveText(/Reconciled with the escrow contract/, { timeout: 15_000 });
    await expect(page.getByText('Held in escrow')).toBeVisible();
    await expectAccessible(page, 'trip on chain');

    // Cancelling queues a settlement the server signer sends: refund to the payer, rest to the airline.
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    const cancel = page.getByRole('dialog');
    await expect(cancel).toContainText('back to the Stellar account that paid');
    await cancel.getByRole('button', { name: /^(Cancel and refund|Confirm cancellation)/ }).click();
    await expect(page.getByText(/goes back from the escrow contract to the account that paid/)).toBeVisible();
    const settled = await cron(page.request, 'settle-chain');
    expect(settled.result ?? settled).toMatchObject({ confirmed: 1 });
    expect((await escrowBookings(page.request, ids)).map((b) => b.state)).toEqual(['Refunded']);
    const view = (await (await page.request.get(`/api/v1/bookings/${pnr}/chain`)).json()).data;
    await cron(page.request, 'index-chain');
    const reconciled = (await (await page.request.get(`/api/v1/bookings/${pnr}/chain`)).json()).data;
    expect(view.segments[0].booking_id).toBe(reconciled.segments[0].booking_id);
    expect(reconciled).toMatchObject({ reconciled: true, segments: [{ chain_state: 'refunded', agrees: true }] });

    // The wallet page lists what went on chain and what came back, not a Traqora balance.
    await visit('/wallet');
    const history = page.getByRole('list').filter({ hasText: 'Payment into escrow' });
    await expect(history.getByRole('listitem').filter({ hasText: 'Refund from escrow' })).toContainText('Confirmed');
    await expect(history.getByRole('listitem').filter({ hasText: 'Payment into escrow' })).toContainText(pnr);
  });

  test('a declined signature charges nothing, says so, and paying again works', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page, { declineSigning: true, network: CHAIN_NETWORK });
    await fundWallet(page.request, wallet.keypair.publicKey());
    await signInByApi(page, wallet.keypair);
    const { pnr } = await holdBooking(page, 1, 21);
    const pay = await openPay(page, visit, pnr);
    await pay.click();
    const alert = notice(page);
    await expect(alert).toContainText('You declined in Freighter');
    await expect(alert).toContainText('Nothing was signed and nothing was charged.');
    await expect(step(page, /Approve the payment in Freighter/)).toContainText('stopped here');
    expect(await escrowBookings(page.request, await escrowIds(page, pnr))).toEqual([]);
    await expectAccessible(page, 'declined payment');

    (wallet as StandInWallet).declineSigning = false;
    await page.getByRole('button', { name: 'Try again with Freighter' }).click();
    await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible({ timeout: 30_000 });
  });

  test('a transaction that fails on chain leaves the booking held, gives the reason, and can be paid again', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
    await fundWallet(page.request, wallet.keypair.publicKey());
    await signInByApi(page, wallet.keypair);
    const { pnr } = await holdBooking(page, 1, 22);
    const pay = await openPay(page, visit, pnr);
    // Refused at simulation (before any signature): the escrow's error, in words.
    await failNext(page.request, 'simulate', 'HostError: Error(Contract, #16)');
    const signatures = wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length;
    await pay.click();
    await expect(notice(page)).toContainText('The payment quote expired; get a new one.', { timeout: 30_000 });
    await expect(step(page, /Build and simulate the escrow payment/)).toContainText('stopped here');
    expect(wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION')).toHaveLength(signatures);

    // Accepted by the network but failed on chain: the server reads the failure from RPC.
    await failNext(page.request, 'chain');
    await page.getByRole('button', { name: 'Try again with Freighter' }).click();
    const alert = notice(page);
    await expect(alert).toContainText('The payment didn’t go through', { timeout: 30_000 });
    await expect(alert).toContainText('The escrow contract refused the payment.');
    await expect(alert).toContainText('Nothing was charged');
    const booking = (await (await page.request.get(`/api/v1/bookings/${pnr}`)).json()).data;
    expect(booking.status).toBe('held');
    expect(booking.chain_payments).toMatchObject([{ status: 'failed', error: 'The escrow contract refused the payment.' }]);

    await page.getByRole('button', { name: 'Try again with Freighter' }).click();
    await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible({ timeout: 30_000 });
  });

  test('a wallet on another network is asked to switch before anything is signed', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
    await signInByApi(page, wallet.keypair);
    const { pnr } = await holdBooking(page, 1, 23);
    wallet.network = PUBLIC;
    const pay = await openPay(page, visit, pnr);
    await pay.click();
    const alert = notice(page);
    await expect(alert).toContainText('Freighter is on another network');
    await expect(alert).toContainText('Switch the wallet to the network Traqora uses');
    expect(wallet.requests).not.toContain('SUBMIT_TRANSACTION');
    expect((await (await page.request.get(`/api/v1/bookings/${pnr}`)).json()).data.status).toBe('held');
  });

  test('the server believes only the chain: a made-up or foreign transaction hash pays nothing', async ({ page }) => {
    const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
    await signInByApi(page, wallet.keypair);
    const { pnr } = await holdBooking(page, 1, 24);
    const post = (data: unknown) => page.request.post(`/api/v1/bookings/${pnr}/payments`, { headers: { 'idempotency-key': randomUUID() }, data });
    const unknown = await post({ tx_hash: 'f'.repeat(64), payer: wallet.keypair.publicKey() });
    expect(unknown.status()).toBe(202); // RPC has not seen it: not paid, and the job keeps asking
    expect((await (await page.request.get(`/api/v1/bookings/${pnr}`)).json()).data.status).toBe('held');
    const bad = await post({ tx_hash: 'not-a-hash', payer: 'nobody' });
    expect(bad.status()).toBe(400);
    expect(bad.headers()['content-type']).toBe('application/problem+json');
    expect(((await bad.json()).errors as { field: string }[]).map((e) => e.field)).toEqual(['body.tx_hash', 'body.payer']);
    const quote = await page.request.post(`/api/v1/bookings/${pnr}/payment-quote`, { data: { payer: 'CBZJQ36RARBUNY2XSIF4OOGXDU3XT25VUSCY4YGVRFT6VPOLCVZO7RVZ' } });
    expect(quote.status()).toBe(400);
    expect(((await quote.json()).errors as { field: string }[])[0].field).toBe('body.payer');
  });

  /** 2,500 active points airdropped to the wallet's account by a rewards manager. */
  async function airdropPoints(page: Page, request: APIRequestContext, payer: string) {
    const admin = { authorization: `Bearer ${mintClerkToken(E2E_ADMIN_CLERK_ID)}` };
    const batchId = randomUUID();
    expect((await request.post('/api/v1/admin/loyalty/airdrops', { headers: admin,
      data: { batch_id: batchId, kind: 'points', points: 2500, reason: 'Chain payer points', recipients: [payer] } })).status()).toBe(201);
    expect((await request.post(`/api/v1/admin/loyalty/airdrops/${batchId}/run`, { headers: admin })).status()).toBe(200);
    expect((await (await page.request.get('/api/v1/loyalty')).json()).data.points.active).toBe(2500);
  }

  test('points pay part of a wallet payment: the slider, one signature, the liability account pays the rest into escrow, the points are spent', async ({ page, request, visit }) => {
    test.skip(E2E_CHAIN_BACKEND !== 'devnet', `the liability account's authorisation needs the devnet (the real host): ${devnetMissing()}`);
    const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
    const payer = wallet.keypair.publicKey();
    await fundWallet(page.request, payer);
    await signInByApi(page, wallet.keypair);
    await airdropPoints(page, request, payer);
    const { pnr, total_minor } = await holdBooking(page, 1, 27);

    await openPay(page, visit, pnr);
    await expect(page.getByTestId('points-not-taken')).toHaveCount(0);
    const slider = page.getByRole('slider', { name: 'Pay with points' });
    await expect(slider).toBeVisible();
    await slider.fill('1500');
    await expect(page.getByText('1,500 points = $15.00 off the fare')).toBeVisible();
    const pay = page.getByRole('button', { name: /^Pay .* and 1,500 points with Freighter$/ });
    await expect(pay).toBeEnabled();
    const toPay = `$${((total_minor - 1500) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    await expect(pay).toHaveText(`Pay ${toPay} and 1,500 points with Freighter`);
    await expect(page.getByText('Paid with points')).toBeVisible();
    await expectAccessible(page, 'soroban pay with points');
    await page.screenshot({ path: 'test-results/chain-pay/points-slider.png', fullPage: true });
    // the slider's quotes were previews: nothing is held until the wallet's own quote
    expect((await (await page.request.get('/api/v1/loyalty')).json()).data.points.active).toBe(2500);

    const signaturesBefore = wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length;
    await pay.click();
    await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible({ timeout: 30_000 });
    expect(wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length - signaturesBefore).toBe(1);
    await expectAccessible(page, 'soroban payment with points confirmed');
    await page.screenshot({ path: 'test-results/chain-pay/points-paid.png', fullPage: true });

    // the escrow holds the whole fare; the wallet paid the fare less $15; the points are spent
    const ids = await escrowIds(page, pnr);
    const escrowed = await escrowBookings(page.request, ids);
    expect(escrowed.reduce((sum, b) => sum + BigInt(b.amount), 0n)).toBe(BigInt(total_minor) * 100_000n);
    expect(escrowed.map((b) => [b.passenger, b.state])).toEqual(ids.map(() => [payer, 'Paid']));
    expect((await (await page.request.get('/api/v1/loyalty')).json()).data.points.active).toBe(1000);
    const booking = (await (await page.request.get(`/api/v1/bookings/${pnr}`)).json()).data;
    const txHash = booking.chain_payments.find((p: { status: string }) => p.status === 'confirmed').tx_hash;
    expect(await chainTransaction(page.request, txHash)).toMatchObject({ status: 'SUCCESS', function: 'pay_quoted' });

    // a quote asking for more points than are left is refused naming them, before anything is signed
    const { pnr: next } = await holdBooking(page, 1, 28);
    const asked = await page.request.post(`/api/v1/bookings/${next}/payment-quote`, { data: { payer, points: 1001 } });
    expect(asked.status()).toBe(409);
    expect(asked.headers()['content-type']).toBe('application/problem+json');
    expect(((await asked.json()).errors as { field: string }[])[0].field).toBe('points');
  });

  test('without the liability account (the stand-in), a member is told before paying that points can’t pay from a wallet; a quote asking for points is refused naming them', async ({ page, request, visit }) => {
    test.skip(E2E_CHAIN_BACKEND === 'devnet', 'the devnet names a loyalty-liability account: points are taken there');
    const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
    await signInByApi(page, wallet.keypair);
    const payer = wallet.keypair.publicKey();
    await airdropPoints(page, request, payer);
    const { pnr } = await holdBooking(page, 1, 26);
    await openPay(page, visit, pnr);
    await expect(page.getByTestId('points-not-taken')).toContainText('You have 2,500 points, but points can’t pay part of a payment from a Stellar wallet');
    await expect(page.getByRole('slider', { name: 'Pay with points' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/chain-pay/points-not-taken.png', fullPage: true });
    const asked = await page.request.post(`/api/v1/bookings/${pnr}/payment-quote`, { data: { payer, points: 500 } });
    expect(asked.status()).toBe(409);
    expect(asked.headers()['content-type']).toBe('application/problem+json');
    expect(((await asked.json()).errors as { field: string }[])[0].field).toBe('points');
    expect((await (await page.request.get('/api/v1/loyalty')).json()).data.points.active).toBe(2500);
  });

  test('an admin sets where an airline is paid on chain; quotes name that account, else the clearing account', async ({ page, request }) => {
    const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
    await signInByApi(page, wallet.keypair);
    const { pnr } = await holdBooking(page, 1, 25);
    const clearing = await serverAccount();
    const airline = (await (await page.request.get(`/api/v1/bookings/${pnr}`)).json()).data.segments[0].airline as string;
    const admin = { authorization: `Bearer ${mintClerkToken(E2E_ADMIN_CLERK_ID)}` };
    const payout = Keypair.random().publicKey();
    const path = `/api/v1/admin/airlines/${airline}/payout-account`;
    const quotedAirline = async () => (await (await page.request.post(`/api/v1/bookings/${pnr}/payment-quote`, { data: { payer: wallet.keypair.publicKey() } })).json()).data.quote.items[0].airline;

    expect(await quotedAirline()).toBe(clearing); // no payout account yet: the clearing account (the server signer's)
    expect((await page.request.put(path, { data: { address: payout } })).status()).toBe(403); // a traveller may not
    expect((await request.put(path, { headers: admin, data: { address: payout } })).status()).toBe(200);
    expect(await quotedAirline()).toBe(payout);
    const bad = await request.put(path, { headers: admin, data: { address: 'GABC' } });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()).errors as { field: string }[])[0].field).toBe('body.address');
    const unknown = await request.put('/api/v1/admin/airlines/0Q/payout-account', { headers: admin, data: { address: payout } });
    expect(unknown.status()).toBe(404);
    expect(((await unknown.json()).errors as { field: string }[])[0].field).toBe('iata');
    expect((await request.delete(path, { headers: admin })).status()).toBe(204);
    expect(await quotedAirline()).toBe(clearing);
  });
});
