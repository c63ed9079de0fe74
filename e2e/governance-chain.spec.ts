import { Keypair, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import type { APIRequestContext, Page } from '@playwright/test';
import { invokeContract } from '@/lib/stellar/contracts/invoke';
import { trq } from '@/lib/stellar/contracts/trq';
import { CHAIN_NETWORK, chainTransaction, fundWallet } from './support/chain';
import { installFreighterStandIn, type StandInWallet } from './support/freighter-stand-in';
import { devnetMissing, E2E_CHAIN_BACKEND, E2E_CHAIN_BASE_URL, E2E_CRON_SECRET, E2E_NETWORK_PASSPHRASE, E2E_RPC_URL } from './support/server-env.mjs';
import { expect, expectAccessible, test } from './support/test';

// Governance on chain in Chromium: the chain app (soroban rail) on the devnet — the real Soroban
// host running the governor and trq wasm — with the real @stellar/freighter-api talking to the
// in-test Freighter stand-in, which signs real transactions with the wallet's key. The TRQ page
// delegates the wallet's on-chain votes to itself and then to another account, reading both
// accounts' power back from the contract; the create form proposes from the wallet; the proposer
// cancels one proposal from the wallet while it is pending; the vote dialog casts `cast_vote` on
// the other once the governor opens voting. Every step is confirmed by the server from RPC.
// Only the devnet runs the governor: on the TypeScript stand-in these tests skip.

test.skip(E2E_CHAIN_BACKEND !== 'devnet', `governance on chain needs the devnet (the real governor and trq wasm): ${devnetMissing()}`);
test.use({ baseURL: E2E_CHAIN_BASE_URL });

const TRQ = 10_000_000n;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

interface Manifest { networkPassphrase: string; accounts: Record<string, { publicKey: string; secretSeed: string }>; contracts: Record<string, string> }
let manifest: Manifest | undefined;
async function devnet(): Promise<Manifest> {
  manifest ??= (await (await fetch(`${E2E_RPC_URL}/devnet`)).json()) as Manifest;
  return manifest;
}
const trqTarget = async () => ({ rpcUrl: E2E_RPC_URL, networkPassphrase: E2E_NETWORK_PASSPHRASE, contractId: (await devnet()).contracts.trq });

/** TRQ from the devnet's treasury to `to`, and optionally `to` delegating to itself (with its key). */
async function giveTrq(to: Keypair, amount: bigint, selfDelegate: boolean) {
  const treasury = Keypair.fromSecret((await devnet()).accounts['trq-treasury'].secretSeed);
  const target = await trqTarget();
  expect(await invokeContract(trq, target, treasury, 'transfer', trq.args.transfer(treasury.publicKey(), to.publicKey(), amount * TRQ))).toMatchObject({ outcome: 'success' });
  if (selfDelegate) expect(await invokeContract(trq, target, to, 'delegate', trq.args.delegate(to.publicKey(), to.publicKey()))).toMatchObject({ outcome: 'success' });
}

/** Closes `n` ledgers on the devnet (its governor counts ledgers: 720 of voting delay). */
async function closeLedgers(n: number) {
  let left = n;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (left-- > 0) {
      const res = await fetch(`${E2E_RPC_URL}/devnet/close`, { method: 'POST' });
      if (!res.ok) throw new Error(`close: ${res.status}`);
    }
  }));
}

async function cron(request: APIRequestContext, job: string) {
  const res = await request.post(`/api/cron/${job}`, { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(res.status(), `${job}: ${await res.text()}`).toBe(200);
}

/** SEP-10 sign-in for the page's browser context, signed by the wallet's key (the UI path is in the other test). */
async function signInByApi(page: Page, kp: Keypair) {
  const { transaction } = await (await page.request.get(`/api/v1/auth?account=${kp.publicKey()}`)).json();
  const tx = TransactionBuilder.fromXDR(transaction, E2E_NETWORK_PASSPHRASE) as Transaction;
  tx.sign(kp);
  expect((await page.request.post('/api/v1/auth', { data: { transaction: tx.toXDR() } })).status()).toBe(200);
}

/** Full-page screenshots at phone and desktop widths (test-results/governance-chain-<name>-{phone,desktop}.png). */
async function shots(page: Page, name: string) {
  for (const [label, size] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize(size);
    // from the top, after the new width's layout (a scrolled page draws the sticky header mid-page)
    await page.evaluate(() => new Promise<void>((done) => { window.scrollTo(0, 0); requestAnimationFrame(() => requestAnimationFrame(() => done())); }));
    await page.screenshot({ path: `test-results/governance-chain-${name}-${label}.png`, fullPage: true });
  }
}

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
const suffix = () => Math.random().toString(36).slice(2, 7);

test.describe('governance on the devnet from the browser wallet', () => {
  test('the TRQ page reads on-chain TRQ and delegates from the wallet: to itself, then to another account, both accounts\' votes read back', async ({ page, visit }) => {
    test.setTimeout(180_000);
    const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
    const me = wallet.keypair.publicKey();
    await fundWallet(page.request, me);
    await giveTrq(wallet.keypair, 1_500n, false);
    // the account the wallet delegates to later: funded, holding 200 TRQ of its own, self-delegated
    const other = Keypair.random();
    await fundWallet(page.request, other.publicKey());
    await giveTrq(other, 200n, true);
    await signInByApi(page, wallet.keypair);
    // the chain indexer reads the trq contract's events (a run reads a bounded number of pages)
    await expect.poll(async () => {
      await cron(page.request, 'index-chain');
      return ((await (await page.request.get(`/api/v1/governance/trq/chain/transfers?address=${me}`)).json()).data as unknown[]).length;
    }, { timeout: 60_000 }).toBeGreaterThan(0);

    await visit(`/governance/trq?wallet=${me}`);
    const onChain = page.getByRole('region', { name: 'On chain' });
    const row = onChain.getByRole('listitem').filter({ hasText: short(me) });
    await expect(row).toContainText('1,500 TRQ · votes 0 TRQ');
    await expect(row).toContainText('not delegated (does not vote)');
    // the treasury's transfer, from the indexed trq events
    await expect(page.getByRole('list', { name: `TRQ movements of ${short(me)} on chain` }).getByRole('listitem').first()).toContainText('+1,500 TRQ');

    await row.getByRole('button', { name: 'Delegate to itself on chain' }).click();
    await expect(row.getByRole('status')).toContainText('Delegated to itself');
    await expect(row).toContainText('delegates to itself');
    await expect(row).toContainText('1,500 TRQ · votes 1,500 TRQ');
    expect(wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION')).toHaveLength(1);

    // to another account, by keyboard: a malformed account is refused beside the field before anything is signed
    const field = row.getByLabel(/votes to another account/);
    await field.focus();
    await page.keyboard.type('GNOTANACCOUNT');
    await page.keyboard.press('Enter');
    await expect(row.getByText('Enter a Stellar account: G followed by 55 letters and digits.')).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION')).toHaveLength(1);
    await field.fill('');
    await page.keyboard.type(other.publicKey());
    await page.keyboard.press('Enter');
    await expect(row.getByRole('status')).toContainText(`Delegated to ${short(other.publicKey())}`);
    await expect(row).toContainText('1,500 TRQ · votes 0 TRQ');
    await expect(row).toContainText(`delegates to ${short(other.publicKey())}, whose votes are 1,700 TRQ`);
    await expectAccessible(page, 'TRQ page after delegating on chain');
    await shots(page, 'trq');

    // what the page shows is what the contract says, for both accounts
    const read = (await (await page.request.get('/api/v1/governance/trq/chain')).json()) as { data: Array<{ address: string; votes: string; delegate: string; delegate_votes: string }> };
    expect(read.data.find((a) => a.address === me)).toMatchObject({ votes: '0', delegate: other.publicKey(), delegate_votes: (1_700n * TRQ).toString() });
  });

  test('propose from the wallet, cancel one while pending, and vote on chain on the other, by keyboard through the dialogs', async ({ page, visit }) => {
    test.setTimeout(300_000);
    const wallet: StandInWallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
    const me = wallet.keypair.publicKey();
    await fundWallet(page.request, me);
    await giveTrq(wallet.keypair, 6_000n, true);   // above the governor's threshold (1,000) and quorum (5,000)
    await visit('/');
    await page.getByRole('banner').getByRole('button', { name: 'Sign in with a wallet' }).click();
    const signIn = page.getByRole('dialog', { name: 'Sign in with a wallet' });
    await signIn.getByRole('button', { name: /Freighter/ }).click();
    await expect(signIn).toBeHidden();

    const propose = async (title: string, fill: () => Promise<void>) => {
      await visit('/governance/new');
      await expect(page.getByText('Proposals go to the Traqora governor contract')).toBeVisible();
      await page.getByLabel('Title').fill(title);
      await fill();
      await page.getByRole('button', { name: 'Propose with Freighter' }).click();
      await page.waitForURL(/\/governance\/proposals\/\d+$/, { timeout: 30_000 });
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
      return Number(page.url().split('/').pop());
    };

    // 1. a signal proposal, withdrawn from the wallet while the governor says pending
    const withdrawn = await propose(`Withdrawn on chain ${suffix()}`, async () => {
      await page.getByRole('radio', { name: /^Signal/ }).check();
      await page.getByLabel('Description (markdown)').fill('Proposed and **withdrawn** from the wallet.');
      await expectAccessible(page, 'create form on chain');
      await shots(page, 'create');
    });
    await expect(page.getByText('Pending — voting opens at the snapshot ledger')).toBeVisible();
    const cancelButton = page.getByRole('button', { name: 'Cancel on chain' });
    await cancelButton.focus();
    await page.keyboard.press('Enter');
    const cancelDialog = page.getByRole('dialog', { name: `Cancel proposal ${withdrawn}` });
    await expect(cancelDialog).toBeVisible();
    const cancelWithFreighter = cancelDialog.getByRole('button', { name: 'Cancel with Freighter' });
    await expect(cancelWithFreighter).toBeFocused();
    await expectAccessible(page, 'cancel dialog');
    await page.keyboard.press('Enter');
    await expect(cancelDialog.getByRole('status')).toContainText('The proposal is cancelled.', { timeout: 30_000 });
    const cancelHash = (await cancelDialog.getByRole('status').locator('code').textContent())!;
    expect(await chainTransaction(page.request, cancelHash)).toMatchObject({ status: 'SUCCESS', function: 'cancel' });
    await shots(page, 'cancelled-dialog');
    await page.keyboard.press('Escape');
    await expect(cancelDialog).toBeHidden();
    await expect(page.getByText('Cancelled', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel on chain' })).toHaveCount(0);
    const cancelled = await (await page.request.get(`/api/v1/governance/proposals/${withdrawn}`)).json();
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelled_at: expect.any(String), chain: { state: 'cancelled' } });

    // 2. a parameter change; the governor opens voting after its delay of 720 ledgers
    const voted = await propose(`Fee to 3% on chain ${suffix()}`, async () => {
      await page.getByLabel('New value (bps)').fill('300');
      await expect(page.getByRole('region', { name: 'Preview of the change' })).toContainText('300 bps (3.00%)');
    });
    await closeLedgers(721);
    await page.reload();
    await expect(page.getByText('Active — voting is open')).toBeVisible();
    await expect(page.getByText('Your wallets\' TRQ votes at the snapshot: 6,000 TRQ')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel on chain' })).toHaveCount(0);   // voting is open: no longer withdrawn

    const voteButton = page.getByRole('button', { name: 'Vote on chain' });
    await voteButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Vote on proposal ${voted}` });
    const forButton = dialog.getByRole('button', { name: 'For', exact: true });
    await expect(forButton).toBeFocused();
    await page.keyboard.press('Space');
    await expect(forButton).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Tab');   // Against
    await page.keyboard.press('Tab');   // Abstain
    await page.keyboard.press('Tab');
    await expect(dialog.getByLabel('Reason (optional)')).toBeFocused();
    await page.keyboard.type('Voted on chain from the browser.');
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Send with Freighter' })).toBeFocused();
    await expectAccessible(page, 'vote dialog on chain');
    await shots(page, 'vote-dialog');
    const signaturesBefore = wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length;
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('status')).toContainText('Your vote is counted.', { timeout: 30_000 });
    expect(wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length - signaturesBefore).toBe(1);
    const voteHash = (await dialog.getByRole('status').locator('code').textContent())!;
    expect(await chainTransaction(page.request, voteHash)).toMatchObject({ status: 'SUCCESS', function: 'cast_vote' });
    await expectAccessible(page, 'vote counted');
    await shots(page, 'voted-dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByText('You voted for')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Vote on chain' })).toHaveCount(0);
    // the quorum shown is the governor's at the snapshot (the devnet's governor: 5,000 TRQ of votes)
    await expect(page.getByText('6,000 TRQ of 5,000 TRQ')).toBeVisible();

    // the server counted the governor's weight, from the transaction it read
    const userId = ((await (await page.request.get('/api/v1/me')).json()).data as { id: string }).id;
    const receipt = await (await page.request.get(`/api/v1/governance/proposals/${voted}/votes/${userId}`)).json();
    expect(receipt).toMatchObject({ scheme: 'soroban', support: 'for', weight: (6_000n * TRQ).toString(), tx_hash: voteHash, reason: 'Voted on chain from the browser.' });
    await expectAccessible(page, 'proposal voted on chain');
    await shots(page, 'voted');
  });
});
