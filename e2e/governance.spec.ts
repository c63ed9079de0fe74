import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { offerHref } from '@/components/booking/offer-types';
import { voteMessage } from '@/lib/governance/vote-message';
import { mintClerkToken } from './support/clerk';
import { installFreighterStandIn, TESTNET, type StandInWallet } from './support/freighter-stand-in';
import { E2E_ADMIN_CLERK_ID, E2E_BASE_URL, E2E_CRON_SECRET } from './support/server-env.mjs';
import { expect, expectAccessible, test } from './support/test';

// Governance end to end: an admin airdrops TRQ to a wallet user, who proposes a fee change (and
// Standard's cancellation penalty) in the form, votes For in the dialog with the Freighter stand-in signing SEP-53, and — with the test
// clock (in-memory database only) passing the voting period and the 48 h timelock — the proposal
// is queued, refused before its eta, executed by the governance job, and the checkout shows the
// new fee. A second proposal, voted through the API, puts the fee back for the specs after this.

const DAY = 86_400;
// A loaded machine renders slowly: wait longer for pages and what they show.
const see = expect.configure({ timeout: 45_000 });
test.use({ navigationTimeout: 180_000, actionTimeout: 60_000 });

// The first request waits for the schedule seeding; do it once, before the tests' clocks start.
test.beforeAll(async () => {
  test.setTimeout(900_000);
  const until = Date.now() + 880_000;
  for (;;) {
    try {
      if ((await fetch(`${E2E_BASE_URL}/governance`, { signal: AbortSignal.timeout(120_000) })).ok) return;
    } catch (err) {
      if (Date.now() > until) throw err;   // fetch gives up on a silent server after 5 minutes: ask again
    }
  }
});
const admin = { authorization: `Bearer ${mintClerkToken(E2E_ADMIN_CLERK_ID)}` };
const cron = { authorization: `Bearer ${E2E_CRON_SECRET}` };
const date = new Date(Date.now() + 12 * 864e5).toISOString().slice(0, 10);

async function advance(request: APIRequestContext, seconds: number) {
  const res = await request.post('/api/v1/governance/test-clock', { data: { seconds } });
  expect(res.status()).toBe(200);
}

// The in-process scheduler runs the governance job every minute too: a step it may have taken
// first is checked by the proposal's state, not by who took it.
async function stateOf(request: APIRequestContext, id: number): Promise<string> {
  return (await (await request.get(`/api/v1/governance/proposals/${id}`)).json()).state;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/governance-${name}.png`, fullPage: true });
}

async function checkoutFee(page: Page, visit: (p: string) => Promise<void>) {
  const found = await (await page.request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${date}&adults=1&limit=1`)).json();
  await visit(offerHref(found.data[0].fare_options[0].id));
  return page.getByTestId('platform-fee');
}

async function standardRefundPenalty(request: APIRequestContext): Promise<number> {
  const found = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${date}&adults=1&limit=1`)).json();
  const options = found.data[0].fare_options as Array<{ fare_family: string; conditions: { refund_penalty_minor: number } }>;
  return options.find((o) => o.fare_family === 'standard')!.conditions.refund_penalty_minor;
}

/**
 * Search answers are reused for up to SEARCH_CACHE_SECONDS (5 s by default, lib/flights/search-cache.ts;
 * opening and booking an offer reprice live), so a new penalty shows in search within that window,
 * not necessarily on the very next request: poll past it.
 */
async function expectPenaltyInSearch(request: APIRequestContext, value: number) {
  await expect.poll(() => standardRefundPenalty(request), { timeout: 15_000, intervals: [500, 1_000] }).toBe(value);
}

async function signInWithFreighter(page: Page, visit: (p: string) => Promise<void>): Promise<StandInWallet> {
  const wallet = await installFreighterStandIn(page, { network: TESTNET });
  await visit('/governance');
  await page.getByRole('banner').getByRole('button', { name: 'Sign in with a wallet' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in with a wallet' });
  await dialog.getByRole('button', { name: /Freighter/ }).click();
  await see(dialog).toBeHidden();
  return wallet;
}

test('create → vote with a SEP-53 signature → quorum → queue → timelock → execute → the checkout fee changes', async ({ page, visit }) => {
  test.setTimeout(600_000);
  const wallet = await signInWithFreighter(page, visit);
  await see(await checkoutFee(page, visit)).toContainText('2.50%');
  const me = (await (await page.request.get('/api/v1/me')).json()).data as { id: string };
  const airdrop = await page.request.post('/api/v1/governance/treasury', { headers: admin, data: {
    reason: 'e2e governance voter', recipients: [{ user_id: me.id, amount: '10000' }] } });
  expect(airdrop.status()).toBe(201);

  // the form: a parameter change with the picker, out-of-bounds refused, then a preview
  await visit('/governance/new');
  await page.getByLabel('Title').fill('Raise the platform fee to 3%');
  await page.getByLabel('New value (bps)').fill('1500');
  await see(page.getByText('Must be between 0 and 1000.')).toBeVisible();
  await page.getByLabel('New value (bps)').fill('300');
  await see(page.getByRole('region', { name: 'Preview of the change' })).toContainText('300 bps (3.00%)');
  // a fare family's cancellation penalty is governed too, shown as money
  await page.getByRole('button', { name: 'Another parameter' }).click();
  await page.locator('#param-1').selectOption('fares.refund_penalty.standard');
  await see(page.getByText('Now $75.00 · bounds $0.00 – $300.00')).toBeVisible();
  await page.getByLabel('New value (US cents)').fill('9000');
  await see(page.getByRole('region', { name: 'Preview of the change' })).toContainText('$90.00');
  await page.getByLabel('Description (markdown)').fill('## Why\nThe **treasury** funds the jury.\n\n<script>alert(1)</script><b>raw</b>');
  await expectAccessible(page, 'create proposal form');
  await shot(page, 'create');
  await page.getByRole('button', { name: 'Create proposal' }).click();
  await page.waitForURL(/\/governance\/proposals\/\d+$/);
  const id = Number(page.url().split('/').pop());
  await see(page.getByRole('heading', { name: 'Raise the platform fee to 3%' })).toBeVisible();
  await see(page.getByText('Pending', { exact: true })).toBeVisible();
  await see(page.getByRole('heading', { name: 'Why' })).toBeVisible();
  await see(page.locator('script', { hasText: 'alert(1)' })).toHaveCount(0);   // raw HTML is not rendered
  await see(page.locator('b', { hasText: 'raw' })).toHaveCount(0);
  await expectAccessible(page, 'pending proposal');

  // voting opens after the delay; power is read at the snapshot
  await advance(page.request, DAY + 60);
  await page.reload();
  await see(page.getByText('Your voting power at the snapshot: 10,000 TRQ')).toBeVisible();
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Vote on proposal ${id}` });
  await dialog.getByRole('button', { name: 'For', exact: true }).click();
  await dialog.getByLabel('Reason (optional)').fill('The jury needs funding.');
  await expectAccessible(page, 'vote dialog');
  await dialog.getByRole('button', { name: 'Sign with Freighter' }).click();
  await see(dialog.getByText('Your vote is counted.')).toBeVisible();
  expect(wallet.requests).toContain('SUBMIT_BLOB');
  await page.keyboard.press('Escape');
  await see(page.getByText('You voted for')).toBeVisible();
  await see(page.getByText(/· reached/)).toBeVisible();
  const receipt = await (await page.request.get(`/api/v1/governance/proposals/${id}/votes/${me.id}`)).json();
  expect(receipt).toMatchObject({ scheme: 'SEP-53', support: 'for', address: wallet.keypair.publicKey(), weight: '100000000000' });
  expect(wallet.keypair.verifyMessage(receipt.message, Buffer.from(receipt.signature, 'base64'))).toBe(true);
  await shot(page, 'voted');
  // on a phone the votes and the parameter change scroll in their own focusable boxes, not the page
  await page.setViewportSize({ width: 390, height: 844 });
  for (const name of [`Votes on proposal ${id}`, 'Parameters this proposal sets']) await see(page.getByRole('region', { name })).toHaveAttribute('tabindex', '0');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'voted proposal on a phone');
  await page.screenshot({ path: 'test-results/governance-voted-phone.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // the same signed vote again is refused; voting closes; anyone may queue
  const replay = await page.request.post(`/api/v1/governance/proposals/${id}/votes`, { data: {
    support: 'for', reason: 'The jury needs funding.', address: receipt.address, message: receipt.message, signature: receipt.signature } });
  expect(replay.status()).toBe(409);
  await advance(page.request, 5 * DAY + 60);
  await page.reload();
  if ((await stateOf(page.request, id)) === 'succeeded') {
    await see(page.getByText('Succeeded', { exact: true }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Queue for execution' }).click();
  }
  await see(page.getByText('Queued', { exact: true }).first()).toBeVisible();
  await see(page.getByText(/Executable in (1 d 23 h|2 d 0 h)/)).toBeVisible();
  await expectAccessible(page, 'queued proposal');
  await shot(page, 'queued');

  // the timelock cannot be skipped: executing now is refused, and the job leaves it queued
  const early = await page.request.post(`/api/v1/governance/proposals/${id}/execute`);
  expect(early.status()).toBe(409);
  expect((await early.json()).detail).toMatch(/timelock/i);
  await advance(page.request, 2 * DAY - 3600);
  expect((await (await page.request.post('/api/cron/governance', { headers: cron })).json()).result).toMatchObject({ executed: [] });
  expect(await stateOf(page.request, id)).toBe('queued');
  await advance(page.request, 3600 + 60);
  expect((await page.request.post('/api/cron/governance', { headers: cron })).status()).toBe(200);
  expect(await stateOf(page.request, id)).toBe('executed');
  await page.reload();
  await see(page.getByText('Executed', { exact: true }).first()).toBeVisible();
  await shot(page, 'executed');

  const params = (await (await page.request.get('/api/v1/governance/parameters')).json()).data as Array<{ key: string; value: number; set_by_proposal: { id: number } | null }>;
  expect(params.find((p) => p.key === 'platform.fee_bps')).toMatchObject({ value: 300, set_by_proposal: { id } });
  expect(params.find((p) => p.key === 'fares.refund_penalty.standard')).toMatchObject({ value: 9000, set_by_proposal: { id } });
  await expectPenaltyInSearch(page.request, 9000);   // the next search sells Standard with the new penalty
  await see(await checkoutFee(page, visit)).toContainText('3.00%');
  await shot(page, 'checkout');

  // put the fee back through governance, voting with the API (signed in the test with the wallet's key)
  const back = await page.request.post('/api/v1/governance/proposals', { headers: { 'idempotency-key': randomUUID() }, data: {
    kind: 'parameter', title: 'Fee back to 2.5%', body: '', changes: [{ key: 'platform.fee_bps', value: 250 }, { key: 'fares.refund_penalty.standard', value: 7500 }] } });
  expect(back.status()).toBe(201);
  const backId = (await back.json()).id as number;
  await advance(page.request, DAY + 60);
  const message = voteMessage({ network: TESTNET.networkPassphrase, origin: E2E_BASE_URL, proposal: backId, support: 'for', reason: null,
    voter: wallet.keypair.publicKey(), issued_at: new Date().toISOString() });
  const signature = Buffer.from(wallet.keypair.signMessage(message)).toString('base64');
  const tampered = await page.request.post(`/api/v1/governance/proposals/${backId}/votes`, { data: { support: 'against', reason: null, address: wallet.keypair.publicKey(), message, signature } });
  expect(tampered.status()).toBe(422);
  const voted = await page.request.post(`/api/v1/governance/proposals/${backId}/votes`, { data: { support: 'for', reason: null, address: wallet.keypair.publicKey(), message, signature } });
  expect(voted.status()).toBe(201);
  await advance(page.request, 5 * DAY + 60);
  expect([200, 409]).toContain((await page.request.post(`/api/v1/governance/proposals/${backId}/queue`)).status());
  expect(await stateOf(page.request, backId)).toBe('queued');
  await advance(page.request, 2 * DAY + 60);
  expect([200, 409]).toContain((await page.request.post(`/api/v1/governance/proposals/${backId}/execute`)).status());
  expect(await stateOf(page.request, backId)).toBe('executed');
  await see(await checkoutFee(page, visit)).toContainText('2.50%');
  await expectPenaltyInSearch(page.request, 7500);
});

test('the governance pages render for visitors, delegates and my votes included', async ({ page, visit }) => {
  test.setTimeout(300_000);
  await visit('/governance');
  await see(page.getByRole('heading', { name: 'Governance', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Filter by state' }).getByRole('link', { name: 'Executed' }).click();
  await page.waitForURL(/state=executed/);
  await expectAccessible(page, 'executed proposals');
  await shot(page, 'list');
  await visit('/governance/delegates');
  await see(page.getByRole('heading', { name: 'Delegates', level: 1 })).toBeVisible();
  await shot(page, 'delegates');
  await visit('/governance/votes');
  await visit('/governance/new');
  const bad = await page.request.get('/api/v1/governance/proposals?state=open');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toContain('query.state');
});

test('a holder sends TRQ from /governance/trq: the balance, the history and the payee\'s power follow', async ({ page, visit }) => {
  test.setTimeout(300_000);
  await signInWithFreighter(page, visit);
  const me = (await (await page.request.get('/api/v1/me')).json()).data as { id: string };
  const payee = (await (await page.request.get('/api/v1/me', { headers: admin })).json()).data as { id: string; name: string };
  const airdrop = await page.request.post('/api/v1/governance/treasury', { headers: admin, data: {
    reason: 'e2e transfer sender', recipients: [{ user_id: me.id, amount: '100' }] } });
  expect(airdrop.status()).toBe(201);
  const payeeBefore = BigInt((await (await page.request.get('/api/v1/governance/delegation', { headers: admin })).json()).balance);
  const mine = async () => BigInt((await (await page.request.get('/api/v1/governance/delegation')).json()).balance);
  const before = await mine();

  await visit(`/governance/trq?to=${payee.id}`);
  await see(page.getByRole('heading', { name: 'My TRQ', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Recipient')).toHaveValue(payee.id);
  await page.getByLabel('Amount (TRQ)').fill(String(before / 10_000_000n + 1n));
  await see(page.getByText(/^More than your/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send TRQ' })).toBeDisabled();
  await page.getByLabel('Amount (TRQ)').fill('25.5');
  await page.getByLabel('Memo (optional)').fill('e2e thanks');
  await expectAccessible(page, 'send TRQ form');
  await page.getByRole('button', { name: 'Send TRQ' }).click();
  await see(page.getByRole('status').filter({ hasText: `Sent 25.5 TRQ to ${payee.name}.` })).toBeVisible();
  const history = page.getByRole('region', { name: 'History' });
  await see(history.getByRole('listitem').first()).toContainText(`To ${payee.name}`);
  await see(history.getByRole('listitem').first()).toContainText('−25.5 TRQ');
  await see(history.getByText('e2e thanks')).toBeVisible();
  await expectAccessible(page, 'TRQ history');
  await shot(page, 'trq');

  expect(await mine()).toBe(before - 255_000_000n);
  const payeeAccount = await (await page.request.get('/api/v1/governance/delegation', { headers: admin })).json();
  expect(BigInt(payeeAccount.balance)).toBe(payeeBefore + 255_000_000n);
  // more than the balance, straight at the API: 409 naming amount, nothing moves
  const over = await page.request.post('/api/v1/governance/trq/transfers', { headers: { 'idempotency-key': randomUUID() },
    data: { to: payee.id, amount: '1000000' } });
  expect(over.status()).toBe(409);
  expect((await over.json()).errors[0].field).toBe('amount');
  expect(await mine()).toBe(before - 255_000_000n);
});
