import { randomUUID } from 'node:crypto';
import { Keypair, nativeToScVal, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import type { APIRequestContext, Page } from '@playwright/test';
import { chainVoteCommitment } from '@/lib/disputes/chain/commitment';
import { newSalt } from '@/lib/disputes/commitment';
import { disputes } from '@/lib/stellar/contracts/disputes';
import { invokeContract } from '@/lib/stellar/contracts/invoke';
import { adminAction, multisig } from '@/lib/stellar/contracts/multisig';
import { trq } from '@/lib/stellar/contracts/trq';
import { CHAIN_NETWORK, chainTransaction, fundWallet } from './support/chain';
import { installFreighterStandIn } from './support/freighter-stand-in';
import { devnetMissing, E2E_CHAIN_BACKEND, E2E_CHAIN_BASE_URL, E2E_CRON_SECRET, E2E_NETWORK_PASSPHRASE, E2E_RPC_URL } from './support/server-env.mjs';
import { expect, expectAccessible, test } from './support/test';

// The on-chain jury in Chromium on the devnet (the real disputes, escrow and trq wasm): a
// traveller pays into the escrow from the Freighter stand-in, then files the booking with the
// disputes contract from the trip page (one signature; the server checks the signed transaction
// and sends it); a TRQ holder opens /disputes in their own browser, commits a hidden vote from
// their wallet and reveals it after the commit window, with the salt kept in that browser; the
// indexer and the chain-disputes consumer record both; the keeper tallies and executes; the trip
// page shows the verdict paid, and the juror claims their reward on /disputes. A traveller who lost
// round 1 appeals to a larger jury from the trip page (one signature; the server checks and sends
// it). The devnet's ledgers close on wall-clock time, so the multisig first shortens the contract's
// day-long windows. On the TypeScript stand-in (no disputes contract) it skips.

test.skip(E2E_CHAIN_BACKEND !== 'devnet', `the on-chain jury needs the devnet (the real disputes wasm): ${devnetMissing()}`);
test.use({ baseURL: E2E_CHAIN_BASE_URL });

const TRQ = 10_000_000n;
const USDC = 10_000_000n;
const WINDOW = { commit: 50, reveal: 40, appeal: 5 };
type Windows = typeof WINDOW;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

interface Manifest { networkPassphrase: string; accounts: Record<string, { publicKey: string; secretSeed: string }>; contracts: Record<string, string> }
let manifest: Manifest | undefined;
async function devnet(): Promise<Manifest> {
  manifest ??= (await (await fetch(`${E2E_RPC_URL}/devnet`)).json()) as Manifest;
  return manifest;
}
const target = async (name: string) => ({ rpcUrl: E2E_RPC_URL, networkPassphrase: E2E_NETWORK_PASSPHRASE, contractId: (await devnet()).contracts[name] });
const key = async (name: string) => Keypair.fromSecret((await devnet()).accounts[name].secretSeed);

/** The multisig sets the disputes contract's windows (stakes as genesis set them). */
async function shortenWindows(w: Windows = WINDOW) {
  const ms = await target('multisig');
  const [s1, s2, s3] = await Promise.all([key('signer-1'), key('signer-2'), key('signer-3')]);
  const params = [nativeToScVal(25n * USDC, { type: 'i128' }), nativeToScVal(2, { type: 'u32' }), nativeToScVal(1_000, { type: 'u32' }),
    nativeToScVal(100n * TRQ, { type: 'u128' }), nativeToScVal(w.commit, { type: 'u64' }), nativeToScVal(w.reveal, { type: 'u64' }),
    nativeToScVal(w.appeal, { type: 'u64' })];
  const proposed = await invokeContract(multisig, ms, s1, 'propose_admin_action',
    multisig.args.propose_admin_action(s1.publicKey(), adminAction.invoke((await devnet()).contracts.disputes, 'set_params', params)));
  expect(proposed.outcome).toBe('success');
  const id = (proposed as { result: bigint }).result;
  expect(await invokeContract(multisig, ms, s2, 'approve_admin_action', multisig.args.approve_admin_action(s2.publicKey(), id))).toMatchObject({ outcome: 'success' });
  expect(await invokeContract(multisig, ms, s3, 'execute_admin_action', multisig.args.execute_admin_action(s3.publicKey(), id))).toMatchObject({ outcome: 'success' });
}

async function cron(request: APIRequestContext, job: string) {
  const res = await request.post(`/api/cron/${job}`, { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(res.status(), `${job}: ${await res.text()}`).toBe(200);
  return res.json();
}

async function signInByApi(page: Page, kp: Keypair) {
  const { transaction } = await (await page.request.get(`/api/v1/auth?account=${kp.publicKey()}`)).json();
  const tx = TransactionBuilder.fromXDR(transaction, E2E_NETWORK_PASSPHRASE) as Transaction;
  tx.sign(kp);
  expect((await page.request.post('/api/v1/auth', { data: { transaction: tx.toXDR() } })).status()).toBe(200);
}

async function shots(page: Page, name: string) {
  for (const [label, size] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise<void>((done) => { window.scrollTo(0, 0); requestAnimationFrame(() => requestAnimationFrame(() => done())); }));
    await page.screenshot({ path: `test-results/chain-dispute-${name}-${label}.png`, fullPage: true });
  }
}

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
async function paidBooking(page: Page, visit: (p: string) => Promise<void>): Promise<string> {
  let standard: { id: string } | undefined;
  for (let d = 8; !standard && d < 20; d++) {
    const search = await (await page.request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(d)}&adults=1&max_stops=0`)).json();
    standard = search.data?.[0]?.fare_options.find((f: { fare_family: string }) => f.fare_family === 'standard');
  }
  if (!standard) throw new Error('no JFK–LHR nonstop with a Standard fare in the schedule');
  const res = await page.request.post('/api/v1/bookings', {
    headers: { 'idempotency-key': randomUUID() },
    data: { offer_id: standard!.id, contact: { email: 'ada@example.com', phone: '+14155550123' }, passengers: [{ type: 'adult', given_name: 'Ada', family_name: 'Juror',
      date_of_birth: '1985-03-02', document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'US', expires_on: '2035-01-01' } }] },
  });
  expect(res.status()).toBe(201);
  const pnr = (await res.json()).data.pnr as string;
  await visit(`/trips/${pnr}/pay`);
  await page.getByRole('button', { name: /^Pay .* with Freighter$/ }).click();
  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible({ timeout: 30_000 });
  return pnr;
}

interface Case { dispute_id: string; rewards: unknown[]; chain: { chain_dispute_id: string; commit_end: string; reveal_end: string; appeal_deadline: string | null; status: string; committed: number; revealed: number } }
async function chainCase(request: APIRequestContext, disputeId: string): Promise<Case['chain']> {
  const { data } = await (await request.get('/api/v1/disputes/chain/cases')).json();
  const c = (data as Case[]).find((x) => x.dispute_id === disputeId);
  return c!.chain;
}
const waitUntil = async (iso: string) => { while (Date.now() <= Date.parse(iso) + 1_500) await new Promise((r) => setTimeout(r, 500)); };

test('a traveller files on chain from the trip page; a juror commits and reveals on /disputes; the keeper tallies and executes', async ({ page, browser, visit }) => {
  test.setTimeout(360_000);
  await shortenWindows();
  // the juror holds TRQ with votes delegated to itself before the filing's snapshot
  const juror = Keypair.random();
  await fundWallet(page.request, juror.publicKey());
  const treasury = await key('trq-treasury');
  const trqTarget = await target('trq');
  expect(await invokeContract(trq, trqTarget, treasury, 'transfer', trq.args.transfer(treasury.publicKey(), juror.publicKey(), 1_000n * TRQ))).toMatchObject({ outcome: 'success' });
  expect(await invokeContract(trq, trqTarget, juror, 'delegate', trq.args.delegate(juror.publicKey(), juror.publicKey()))).toMatchObject({ outcome: 'success' });

  // the traveller pays, then files from the trip page with one signature
  const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
  await fundWallet(page.request, wallet.keypair.publicKey());
  await signInByApi(page, wallet.keypair);
  const pnr = await paidBooking(page, visit);
  await visit(`/trips/${pnr}`);
  await page.getByRole('button', { name: 'File with the on-chain jury' }).click();
  await expect(page.getByText(/^Stake 25\.00/)).toBeVisible();
  await page.getByLabel('What happened?').last().fill('The flight was cancelled on the day and the airline refused a refund.');
  const before = wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length;
  await page.getByRole('button', { name: 'Sign and file from your wallet' }).click();
  await expect(page.getByRole('heading', { name: /On-chain jury · case #\d+ · round 1 of 2/ })).toBeVisible({ timeout: 30_000 });
  expect(wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length - before).toBe(1);
  await expect(page.getByText('Commits close in')).toBeVisible();
  await expectAccessible(page, 'trip with an on-chain dispute');
  await shots(page, 'trip-filed');
  const dispute = (await (await page.request.get(`/api/v1/disputes?pnr=${pnr}`)).json()).data[0];
  expect(dispute).toMatchObject({ status: 'escalated', pnr });
  const filedTx = (await (await page.request.get(`/api/v1/disputes/${dispute.id}`)).json()).data.chain.transactions.filed;
  expect(await chainTransaction(page.request, filedTx)).toMatchObject({ status: 'SUCCESS', function: 'file_dispute' });

  // the juror, in their own browser, commits on /disputes
  const context = await browser.newContext({ baseURL: E2E_CHAIN_BASE_URL });
  const jp = await context.newPage();
  await installFreighterStandIn(jp, { network: CHAIN_NETWORK, keypair: juror });
  await signInByApi(jp, juror);
  await jp.goto('/disputes');
  const chainId = (await chainCase(jp.request, dispute.id)).chain_dispute_id;
  const card = jp.locator('[data-slot="card"]').filter({ has: jp.getByRole('heading', { name: new RegExp(`^Case #${chainId}\\b`) }) }).first();
  await expect(card).toBeVisible();
  await card.getByRole('radio', { name: 'Refund the passenger in full' }).check();
  await card.getByRole('button', { name: 'Commit from my wallet' }).click();
  await expect(card.getByText(/Vote committed \(transaction/)).toBeVisible({ timeout: 30_000 });
  await expect(card.getByRole('button', { name: 'Download my vote and salt' })).toBeVisible();
  await expectAccessible(jp, 'juror committed on chain');
  await shots(jp, 'juror-committed');

  // after the commit window: reveal with the salt this browser kept
  const state = await chainCase(jp.request, dispute.id);
  await waitUntil(state.commit_end);
  await jp.reload();
  await card.getByRole('button', { name: 'Reveal from my wallet' }).click();
  await expect(card.getByText(/Vote revealed \(transaction/)).toBeVisible({ timeout: 30_000 });

  // the indexer and the chain-disputes consumer record both votes
  await cron(jp.request, 'index-chain');
  await cron(jp.request, 'domain-events');
  await expect.poll(async () => chainCase(jp.request, dispute.id), { timeout: 20_000 }).toMatchObject({ committed: 1, revealed: 1 });
  await jp.reload();
  await expect(card.getByText('Reveals close in')).toBeVisible();
  await expectAccessible(jp, 'juror revealed on chain');
  await shots(jp, 'juror-revealed');
  await context.close();

  // the keeper tallies after the reveal window and executes after the appeal window
  await waitUntil(state.reveal_end);
  expect(await cron(page.request, 'chain-disputes')).toMatchObject({ result: expect.objectContaining({ tallied: 1 }) });
  const decided = (await (await page.request.get(`/api/v1/disputes/${dispute.id}`)).json()).data.chain;
  expect(decided).toMatchObject({ status: 'decided', verdict: 'refund' });
  await waitUntil(decided.appeal_deadline);
  expect(await cron(page.request, 'chain-disputes')).toMatchObject({ result: expect.objectContaining({ executed: 1 }) });
  // the indexer reads the tally, the verdict and the escrow's refund: the trip's chain panel agrees
  await cron(page.request, 'index-chain');
  await cron(page.request, 'domain-events');
  const executed = (await (await page.request.get(`/api/v1/disputes/${dispute.id}`)).json()).data;
  expect(executed).toMatchObject({ status: 'resolved', booking_status: 'refunded', chain: { status: 'executed', verdict: 'refund' } });
  expect(executed.chain.events.map((e: { action: string }) => e.action)).toEqual(['filed', 'evidence', 'committed', 'revealed', 'decided', 'executed']);
  expect(await chainTransaction(page.request, executed.chain.transactions.execute)).toMatchObject({ status: 'SUCCESS', function: 'execute_verdict' });
  await visit(`/trips/${pnr}`);
  await expect(page.getByText('The jury’s verdict was paid')).toBeVisible();
  await expect(page.getByText(/Verdict: a full refund to the passenger, carried out by the escrow/)).toBeVisible();
  await expectAccessible(page, 'trip with the on-chain verdict paid');
  await shots(page, 'trip-executed');

  // the juror sided with the verdict: on /disputes the case (executed) offers their reward, the
  // jury's 10 % of the traveller's 25.00 stake, for one signature; once indexed it shows as claimed
  const rc = await browser.newContext({ baseURL: E2E_CHAIN_BASE_URL });
  const rp = await rc.newPage();
  const jurorWallet = await installFreighterStandIn(rp, { network: CHAIN_NETWORK, keypair: juror });
  await signInByApi(rp, juror);
  await rp.goto('/disputes');
  const done = rp.locator('[data-slot="card"]').filter({ has: rp.getByRole('heading', { name: new RegExp(`^Case #${chainId}\\b`) }) }).first();
  const claim = done.getByRole('button', { name: /^Claim reward · 2\.50 USD \(round 1,/ });
  await expect(claim).toBeVisible();
  await expectAccessible(rp, 'juror reward to claim');
  await shots(rp, 'juror-reward');
  const sent = jurorWallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length;
  await claim.focus();
  await rp.keyboard.press('Enter');
  await expect(done.getByText(/^2\.50 USD claimed \(transaction/)).toBeVisible({ timeout: 30_000 });
  expect(jurorWallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length - sent).toBe(1);   // one signature; the server sent it
  await cron(rp.request, 'index-chain');
  await cron(rp.request, 'domain-events');
  await rp.reload();
  await expect(done.getByText('2.50 USD claimed')).toBeVisible();
  const claimed = (await (await rp.request.get(`/api/v1/disputes/chain/cases`)).json()).data.find((x: Case) => x.dispute_id === dispute.id);
  expect(claimed.rewards).toEqual([{ round: 1, juror: juror.publicKey(), amount: '25000000', claimed: { tx_hash: expect.stringMatching(/^[0-9a-f]{64}$/) } }]);
  expect(await chainTransaction(rp.request, claimed.rewards[0].claimed.tx_hash)).toMatchObject({ status: 'SUCCESS', function: 'claim_reward' });
  await expect(done.getByRole('listitem').filter({ hasText: '2.50 USD claimed' }).getByText(`tx ${claimed.rewards[0].claimed.tx_hash}`, { exact: true })).toBeVisible();
  await expectAccessible(rp, 'juror reward claimed');
  await shots(rp, 'juror-reward-claimed');
  await rc.close();
});

test('the traveller who lost round 1 appeals to a larger jury from the trip page', async ({ page, visit }) => {
  test.setTimeout(300_000);
  const windows = { commit: 20, reveal: 15, appeal: 60 };
  await shortenWindows(windows);
  const juror = Keypair.random();
  await fundWallet(page.request, juror.publicKey());
  const treasury = await key('trq-treasury');
  const trqTarget = await target('trq');
  expect(await invokeContract(trq, trqTarget, treasury, 'transfer', trq.args.transfer(treasury.publicKey(), juror.publicKey(), 1_000n * TRQ))).toMatchObject({ outcome: 'success' });
  expect(await invokeContract(trq, trqTarget, juror, 'delegate', trq.args.delegate(juror.publicKey(), juror.publicKey()))).toMatchObject({ outcome: 'success' });

  const wallet = await installFreighterStandIn(page, { network: CHAIN_NETWORK });
  await fundWallet(page.request, wallet.keypair.publicKey());
  await signInByApi(page, wallet.keypair);
  const pnr = await paidBooking(page, visit);
  await visit(`/trips/${pnr}`);
  await page.getByRole('button', { name: 'File with the on-chain jury' }).click();
  await page.getByLabel('What happened?').last().fill('The airline moved the flight by a day and kept the fare.');
  await page.getByRole('button', { name: 'Sign and file from your wallet' }).click();
  await expect(page.getByRole('heading', { name: /On-chain jury · case #\d+ · round 1 of 2/ })).toBeVisible({ timeout: 30_000 });
  const dispute = (await (await page.request.get(`/api/v1/disputes?pnr=${pnr}`)).json()).data[0];
  const chain = (await (await page.request.get(`/api/v1/disputes/${dispute.id}`)).json()).data.chain;

  // the one juror sides with the airline (committed and revealed from their own key; the jury UI is the test above)
  const disputesTarget = await target('disputes');
  const salt = newSalt();
  const commitment = await chainVoteCommitment(1, 2, salt, juror.publicKey());
  expect(await invokeContract(disputes, disputesTarget, juror, 'commit_vote', disputes.args.commit_vote(juror.publicKey(), BigInt(chain.chain_dispute_id), commitment))).toMatchObject({ outcome: 'success' });
  await waitUntil(chain.commit_end);
  expect(await invokeContract(disputes, disputesTarget, juror, 'reveal_vote', disputes.args.reveal_vote(juror.publicKey(), BigInt(chain.chain_dispute_id), 2, salt))).toMatchObject({ outcome: 'success' });
  await waitUntil(chain.reveal_end);
  expect(await cron(page.request, 'chain-disputes')).toMatchObject({ result: expect.objectContaining({ tallied: 1 }) });

  // the trip page offers the appeal with the contract's terms: twice the stake, the window's countdown
  await visit(`/trips/${pnr}`);
  const appeal = page.getByRole('region', { name: 'Appeal to a larger jury' });
  await expect(appeal.getByText(/you stake 50\.00 USD from your wallet/)).toBeVisible();
  await expect(appeal.getByText('Appeal window closes in')).toBeVisible();
  // the window's countdown shows once, by the button (the jury's state above points to it)
  await expect(page.getByText('Appeal window closes in')).toHaveCount(1);
  await expect(page.getByText('may be appealed once: see below')).toBeVisible();
  await expectAccessible(page, 'trip with an on-chain appeal open');
  await shots(page, 'trip-appeal');
  const before = wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length;
  await appeal.getByRole('button', { name: 'Appeal to a larger jury' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /On-chain jury · case #\d+ · round 2 of 2/ })).toBeVisible({ timeout: 30_000 });
  expect(wallet.requests.filter((r) => r === 'SUBMIT_TRANSACTION').length - before).toBe(1);   // one signature; the server checked and sent it
  await expect(page.getByRole('region', { name: 'Appeal to a larger jury' })).toHaveCount(0);
  const appealed = (await (await page.request.get(`/api/v1/disputes/${dispute.id}`)).json()).data.chain;
  expect(appealed).toMatchObject({ status: 'voting', round: 2, claim: 'refund', stake: (50n * USDC).toString() });
  await cron(page.request, 'index-chain');
  await cron(page.request, 'domain-events');
  const events = (await (await page.request.get(`/api/v1/disputes/${dispute.id}`)).json()).data.chain.events as { action: string; tx_hash: string; account: string }[];
  const appealEvent = events.find((e) => e.action === 'appealed')!;
  expect(appealEvent.account).toBe(wallet.keypair.publicKey());
  expect(await chainTransaction(page.request, appealEvent.tx_hash)).toMatchObject({ status: 'SUCCESS', function: 'appeal' });
  await shots(page, 'trip-appealed');
});
