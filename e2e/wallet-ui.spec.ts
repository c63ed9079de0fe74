import { Keypair, Networks, TransactionBuilder } from '@stellar/stellar-sdk';
import type { Page } from '@playwright/test';
import { installFreighterStandIn, PUBLIC } from './support/freighter-stand-in';
import { expect, expectAccessible, test } from './support/test';

// The wallet picker in the browser: the real @stellar/freighter-api talking to an in-test
// stand-in of the extension that signs with a keypair held by the test.

/** The name the app gives a traveller created by wallet sign-in: "Wallet GABC…WXYZ". */
const walletUser = (kp: Keypair) => `Wallet ${kp.publicKey().slice(0, 4)}…${kp.publicKey().slice(-4)}`;
const short = (kp: Keypair) => `${kp.publicKey().slice(0, 4)}…${kp.publicKey().slice(-4)}`;

async function openPicker(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Sign in with a wallet' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in with a wallet' });
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Freighter' })).toContainText('Installed');
  return dialog;
}

async function signIn(page: Page, kp: Keypair) {
  const dialog = await openPicker(page);
  await dialog.getByRole('button', { name: /Freighter/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('banner')).toContainText(walletUser(kp));
}

test.describe('wallet picker (Freighter stand-in)', () => {
  test('signs in with Freighter: the stepper runs, the header shows the wallet user, the menu lists the wallet', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page);
    await visit('/');
    const dialog = await openPicker(page);
    await expectAccessible(page, 'wallet picker dialog');
    // Keyboard: the dialog opens with focus on the first wallet; Enter chooses it.
    await expect(dialog.getByRole('button', { name: /Freighter/ })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(dialog).toBeHidden();
    await expect(page.getByText('Signed in with Freighter')).toBeVisible();
    await expect(page.getByRole('banner')).toContainText(walletUser(wallet.keypair));
    expect(wallet.requests).toContain('SUBMIT_TRANSACTION');
    await expectAccessible(page, 'signed in');

    await page.getByRole('button', { name: /^Account:/ }).click();
    await expect(page.getByRole('menu')).toContainText('Signed in with a Stellar wallet');
    await expect(page.getByRole('menuitem', { name: new RegExp(short(wallet.keypair)) })).toBeVisible();
    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me.data).toMatchObject({ source: 'wallet', wallets: [wallet.keypair.publicKey()] });
  });

  test('declining the signature in the wallet says so and leaves the visitor signed out', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page, { declineSigning: true });
    await visit('/');
    const dialog = await openPicker(page);
    await dialog.getByRole('button', { name: /Freighter/ }).click();

    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('You declined in Freighter');
    await expect(alert).toContainText('You are still signed out');
    await expect(dialog.getByRole('listitem').filter({ hasText: 'Approve the challenge in Freighter' })).toContainText('stopped here');
    await expect(dialog.getByRole('button', { name: 'Try again with Freighter' })).toBeVisible();
    await expectAccessible(page, 'declined');
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
    expect(wallet.requests).toContain('SUBMIT_TRANSACTION');

    // Keyboard: Escape closes the dialog and focus goes back to the button that opened it.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in with a wallet' })).toBeFocused();
  });

  test('a wallet on another network is told which network to switch to, before any signature is asked', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page, { network: PUBLIC });
    await visit('/');
    const dialog = await openPicker(page);
    await dialog.getByRole('button', { name: /Freighter/ }).click();

    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('Switch Freighter to Testnet');
    await expect(alert).toContainText('Freighter is on Mainnet, but Traqora runs on Testnet');
    await expectAccessible(page, 'wrong network');
    expect(wallet.requests).not.toContain('SUBMIT_TRANSACTION');
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  });

  test('without the extension, Freighter shows as not installed with its install link (page version)', async ({ page, visit }) => {
    await visit('/sign-in/wallet');
    const freighter = page.getByRole('listitem').filter({ hasText: 'Freighter' });
    // freighter-api waits ~2 s for an extension that never answers.
    await expect(freighter).toContainText('Not installed');
    await expect(freighter.getByRole('link', { name: /Install Freighter/ })).toHaveAttribute('href', 'https://www.freighter.app/');
    await expect(page.getByRole('button', { name: /Freighter/ })).toHaveCount(0);
    await expectAccessible(page, 'not installed');
  });

  test('sign-out ends the wallet session', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page);
    await visit('/');
    await signIn(page, wallet.keypair);

    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in with a wallet' })).toBeVisible();
    await expect(page.getByRole('banner')).not.toContainText(walletUser(wallet.keypair));
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  });

  test('the page version returns to where the visitor came from', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page);
    await visit('/sign-in/wallet?redirect_url=/trips');
    await page.getByRole('button', { name: /Freighter/ }).click();
    await expect(page).toHaveURL(/\/trips$/);
    await expect(page.getByRole('banner')).toContainText(walletUser(wallet.keypair));
  });

  test('links a second wallet from the account menu', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page);
    const first = wallet.keypair;
    await visit('/');
    await signIn(page, first);

    const second = Keypair.random();
    wallet.keypair = second; // the traveller picks another account in Freighter
    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('menuitem', { name: 'Link a wallet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link a wallet' });
    await dialog.getByRole('button', { name: /Freighter/ }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Freighter wallet linked')).toBeVisible();

    await page.getByRole('button', { name: /^Account:/ }).click();
    await expect(page.getByRole('menuitem', { name: new RegExp(short(second)) })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText(walletUser(first)); // still the same account
  });

  test('while signed in, switching the wallet’s account or network brings up a prompt', async ({ page, visit }) => {
    const wallet = await installFreighterStandIn(page);
    await visit('/');
    await signIn(page, wallet.keypair);

    // Freighter's watcher polls every 3 s.
    wallet.network = PUBLIC;
    const prompt = page.getByRole('status').filter({ hasText: 'Freighter switched to' });
    await expect(prompt).toContainText('Freighter switched to Mainnet', { timeout: 15_000 });
    await expect(prompt).toContainText('Traqora runs on Testnet');
    // Pinned to the bottom of the viewport, clear of the header.
    expect((await prompt.boundingBox())!.y).toBeGreaterThan(page.viewportSize()!.height / 2);
    await expectAccessible(page, 'network prompt');

    wallet.network = { network: 'TESTNET', networkPassphrase: 'Test SDF Network ; September 2015' };
    const other = Keypair.random();
    wallet.keypair = other;
    await expect(prompt).toContainText(`Freighter switched to account ${short(other)}`, { timeout: 15_000 });
    await prompt.getByRole('button', { name: `Sign in as ${short(other)}` }).click();
    await expect(page.getByRole('banner')).toContainText(walletUser(other));
    await expect(prompt).toBeHidden();
  });

  test('linking a wallet that belongs to someone else is refused by the server, with its reason', async ({ page, visit, request }) => {
    // Another traveller already signed in with `taken` (through the API, as any SEP-10 client would).
    const taken = Keypair.random();
    const { transaction } = await (await request.get(`/api/v1/auth?account=${taken.publicKey()}`)).json();
    const tx = TransactionBuilder.fromXDR(transaction, Networks.TESTNET);
    tx.sign(taken);
    expect((await request.post('/api/v1/auth', { data: { transaction: tx.toXDR() } })).status()).toBe(200);

    const wallet = await installFreighterStandIn(page);
    await visit('/');
    await signIn(page, wallet.keypair);
    wallet.keypair = taken;
    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('menuitem', { name: 'Link a wallet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link a wallet' });
    await dialog.getByRole('button', { name: /Freighter/ }).click();

    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('Traqora refused the signature');
    await expect(alert).toContainText('This wallet is linked to another account.');
    await expect(alert).toContainText('No wallet was linked.');
    await expectAccessible(page, 'link refused');
  });

  test('on a phone, the menu sheet leads to the sign-in page and then lists the linked wallet', async ({ page, visit }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const wallet = await installFreighterStandIn(page);
    await visit('/');
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('link', { name: 'Sign in with a wallet' }).click();
    await expect(page).toHaveURL(/\/sign-in\/wallet\?redirect_url=%2F$/);
    await page.getByRole('button', { name: /Freighter/ }).click();
    await expect(page).toHaveURL(/\/$/);

    await page.getByRole('button', { name: 'Open menu' }).click();
    const sheet = page.getByRole('dialog', { name: 'Menu' });
    await expect(sheet).toContainText(walletUser(wallet.keypair));
    await expect(sheet.getByRole('button', { name: new RegExp(short(wallet.keypair)) })).toBeVisible();
    await expect(sheet.getByRole('button', { name: 'Link a wallet' })).toBeVisible();
    await expectAccessible(page, 'mobile menu, signed in');
  });
});
