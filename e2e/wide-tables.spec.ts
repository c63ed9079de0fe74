import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { ChainJuryCase, ChainJuryCases } from '@/lib/disputes/chain/cases';
import { signInWithClerk } from './support/clerk';
import { expect, expectAccessible, test } from './support/test';

// Two things a phone user meets on the traveller pages. (1) /disputes pages the on-chain jury's
// cases: 20, then "Show older cases" (keyboard) appends the next page by its cursor and the count
// is announced. The cases API is answered in the browser here (the e2e server has no disputes
// contract; tests/db/chain-cases.test.ts pages the real one on both databases, and
// e2e/chain-dispute.spec.ts walks a real case on the devnet). (2) Wide tables outside the console
// scroll sideways in TableScroll (a labelled, focusable region) at 390 px, and the page itself
// never does. Screenshots at 390 px go to test-results/wide-tables.

const shots = 'test-results/wide-tables';
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const passenger = { type: 'adult', given_name: 'Ada', family_name: 'Lovelace', date_of_birth: '1985-03-04',
  document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'GB', expires_on: '2035-01-01' } };

test.use({ navigationTimeout: 120_000 });

function fakeCase(n: number): ChainJuryCase {
  const at = new Date(Date.now() - n * 3_600_000).toISOString();
  return {
    dispute_id: randomUUID(), reason: `Case ${n}: the flight was cancelled and the airline refused a refund.`, held_minor: 25_000, currency: 'USD',
    route: 'JFK–LHR', now: new Date().toISOString(), rewards: [],
    chain: {
      chain_dispute_id: String(1000 - n), chain_booking_id: String(5000 + n), filer: `G${'A'.repeat(55)}`, claim: 'refund', stake: '250000000',
      status: 'executed', round: 1, commit_end: at, reveal_end: at, refund_weight: '10000000000', release_weight: '0', verdict: 'refund',
      appeal_deadline: null, applied: true, committed: 1, revealed: 1, transactions: { filed: null, tally: null, execute: null },
      keeper: { step: null, round: null, tx_hash: null, sent_at: null, attempts: 0, error: null }, events: [],
    },
  };
}

/** The document does not scroll sideways; every table sits in a labelled region a keyboard can reach. */
async function fitsAPhone(page: Page, label: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${label}: sideways scroll`).toBeLessThanOrEqual(0);
  const tables = page.locator('main table:not(.sr-only)');   // the charts' data tables are for screen readers only
  const n = await tables.count();
  expect(n, `${label}: tables`).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const box = tables.nth(i).locator('xpath=..');
    await expect(box).toHaveAttribute('role', 'region');
    await expect(box).toHaveAttribute('tabindex', '0');
    await expect(box).toHaveAttribute('aria-label', /.+/);
  }
  await expectAccessible(page, `${label} at 390 px`);
  await page.screenshot({ path: `${shots}/${label}.png`, fullPage: true });
}

test('/disputes shows the on-chain cases 20 at a time; "Show older cases" appends the next page from the keyboard', async ({ page, context, visit }) => {
  test.setTimeout(180_000);
  await signInWithClerk(context, `user_e2e_cases_${randomUUID().slice(0, 8)}`, { name: 'Case Reader' });
  const older = Array.from({ length: 5 }, (_, i) => fakeCase(20 + i));
  const asked: (string | null)[] = [];
  await page.route('**/api/v1/disputes/chain/cases**', async (route) => {
    const cursor = new URL(route.request().url()).searchParams.get('cursor');
    asked.push(cursor);
    const body: ChainJuryCases = {
      data: cursor === 'page-2' ? older : Array.from({ length: 20 }, (_, i) => fakeCase(i)),
      nextCursor: cursor === 'page-2' ? null : 'page-2',
      contract: { contract_id: `C${'A'.repeat(55)}`, rpc_url: 'http://localhost:1/rpc', network_passphrase: 'Standalone Network ; February 2017' },
    };
    await route.fulfill({ json: body });
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await visit('/disputes');
  const section = page.getByRole('region', { name: 'On-chain cases' });
  await expect(section.getByRole('heading', { name: /^Case #\d+/ })).toHaveCount(20);
  await expect(section.getByRole('status').filter({ hasText: 'cases shown' })).toHaveText('20 cases shown; there are older ones.');
  const more = section.getByRole('button', { name: 'Show older cases' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(section.getByRole('heading', { name: /^Case #\d+/ })).toHaveCount(25);
  // focus lands on the first case the page added (the button is gone: this was the last page)
  await expect(section.getByRole('heading', { name: new RegExp(`^Case #${older[0].chain.chain_dispute_id}\\b`) })).toBeFocused();
  await expect(section.getByRole('heading', { name: `Case #${older[4].chain.chain_dispute_id} · JFK–LHR · $250.00 held` })).toBeVisible();
  await expect(section.getByRole('status').filter({ hasText: 'cases shown' })).toHaveText('25 cases shown.');
  await expect(more).toHaveCount(0);
  expect(asked).toContain('page-2');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page, '/disputes with older on-chain cases');
  await page.screenshot({ path: `${shots}/disputes-older-cases.png`, fullPage: true });
});

test('wide tables on a phone scroll in a labelled, focusable box; the page does not scroll sideways', async ({ page, context, visit }) => {
  test.setTimeout(240_000);
  await signInWithClerk(context, `user_e2e_tables_${randomUUID().slice(0, 8)}`, { name: 'Table Reader' });
  // a paid booking: wallet entries (the demo deposit, the payment) and pending points
  const search = await (await page.request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(11)}&max_stops=0&limit=5`)).json();
  const fare = search.data[0].fare_options[0];
  const created = await page.request.post('/api/v1/bookings', { headers: { 'idempotency-key': randomUUID() },
    data: { offer_id: fare.id, passengers: [passenger], contact: { email: 'ada@example.com', phone: '+447700900123' } } });
  expect(created.status(), await created.text()).toBe(201);
  const { pnr } = (await created.json()).data as { pnr: string };
  const paid = await page.request.post(`/api/v1/bookings/${pnr}/payments`, { headers: { 'idempotency-key': randomUUID() } });
  expect([200, 201]).toContain(paid.status());

  await page.setViewportSize({ width: 390, height: 844 });
  await visit('/wallet');
  await expect(page.getByRole('region', { name: 'Wallet history' })).toBeVisible();
  await fitsAPhone(page, 'wallet');

  await visit('/loyalty');
  await expect(page.getByRole('region', { name: 'Points history' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Tiers and benefits' })).toBeVisible();
  // the scroller takes focus from the keyboard and scrolls with the arrow keys
  const tiers = page.getByRole('region', { name: 'Tiers and benefits' });
  await tiers.focus();
  await expect(tiers).toBeFocused();
  await fitsAPhone(page, 'loyalty');

  await visit('/settings/notifications');
  await expect(page.getByRole('region', { name: 'Notification channels by kind' })).toBeVisible();
  await fitsAPhone(page, 'notification-settings');
});
