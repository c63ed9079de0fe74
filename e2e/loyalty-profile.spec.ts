import { randomUUID } from 'node:crypto';
import { mintClerkToken, signInWithClerk } from './support/clerk';
import { CLERK_FRONTEND_API, E2E_ADMIN_CLERK_ID } from './support/server-env.mjs';
import { expect, expectAccessible, test } from './support/test';

// Public profiles and the leaderboard in the browser: a member publishes a profile from /loyalty
// under a handle, anyone (signed out) then sees it at /members/{handle} (the old /loyalty/members/{handle} redirects there) and on
// /loyalty/leaderboard; a member who never published is on neither, by page or API; making the
// profile private takes it off both at once. Axe runs on every page visited; the screenshots are
// for looking at. The Rewards console's loyalty-contract queue renders (off: the e2e server has
// no chain).

const shots = 'test-results/loyalty-profile';

test('publish a profile, see it on the board signed out, hide it again', async ({ page, context, browser, request, visit }, testInfo) => {
  test.setTimeout(240_000);
  const suffix = randomUUID().slice(0, 8);
  const handle = `flyer-${suffix}`;
  const clerkId = `user_e2e_profile_${suffix}`;
  const name = `Profile Tester ${suffix}`;
  await signInWithClerk(context, clerkId, { name });

  // Another member who never publishes: enrolled (a referral code), so they exist as a member.
  const privateWho = { authorization: `Bearer ${mintClerkToken(`user_e2e_private_${suffix}`, { claims: { name: `Private ${suffix}` } })}` };
  expect((await request.get('/api/v1/loyalty/referrals', { headers: privateWho })).status()).toBe(200);
  expect((await (await request.get('/api/v1/loyalty/profile', { headers: privateWho })).json()).data).toEqual({ public: false, handle: null });

  await visit('/loyalty');
  const card = page.getByTestId('public-profile');
  await expect(card).toContainText('Your profile is private');
  await card.getByLabel('Handle').fill('no');
  await card.getByRole('button', { name: 'Publish profile' }).click();
  await expect(card.getByText(/The handle must be 3 to 30/)).toBeVisible();
  await expect(card.getByLabel('Handle')).toHaveAttribute('aria-invalid', 'true');
  await card.getByLabel('Handle').fill(handle.toUpperCase());   // lowered as typed
  await card.getByRole('button', { name: 'Publish profile' }).click();
  await expect(card).toContainText(`Your profile is public at /members/${handle}`);
  await card.screenshot({ path: `${shots}/profile-card.png` });
  await expectAccessible(page, '/loyalty (profile published)');

  // Signed out: the profile and the board, by page and by API.
  const anonymous = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  await anonymous.route(`https://${CLERK_FRONTEND_API}/**`, (r) => r.abort());
  const anon = await anonymous.newPage();
  const profile = await anon.goto(`/members/${handle}`);
  expect(profile?.status()).toBe(200);
  // the address the profile had before keeps working, as a permanent redirect
  const old = await request.get(`/loyalty/members/${handle}`, { maxRedirects: 0 });
  expect(old.status()).toBe(308);
  expect(new URL(old.headers().location, 'http://x').pathname).toBe(`/members/${handle}`);
  await expect(anon.getByRole('heading', { level: 1 })).toHaveText(`@${handle}`);
  await expect(anon.getByTestId('member-profile')).toContainText('Blue member since');
  await expect(anon.getByTestId('member-profile')).not.toContainText(name);
  await expectAccessible(anon, `/members/${handle}`);
  await anon.screenshot({ path: `${shots}/member-page.png`, fullPage: true });

  await anon.goto('/loyalty/leaderboard');
  await expect(anon.getByRole('heading', { level: 1, name: 'Leaderboard' })).toBeVisible();
  await expect(anon.getByRole('link', { name: `@${handle}` })).toBeVisible();
  await expectAccessible(anon, '/loyalty/leaderboard');
  await anon.screenshot({ path: `${shots}/leaderboard.png`, fullPage: true });
  await anon.setViewportSize({ width: 390, height: 844 });
  await anon.screenshot({ path: `${shots}/leaderboard-phone.png`, fullPage: true });

  const api = await (await request.get(`/api/v1/loyalty/members/${handle}`)).json();
  expect(Object.keys(api.data).sort()).toEqual(['badges', 'handle', 'member_since', 'tier', 'tier_credits', 'trips']);
  expect(JSON.stringify(api)).not.toContain(name);
  const everyone: string[] = [];
  for (let cursor: string | null = ''; cursor !== null;) {
    const res = await request.get(`/api/v1/loyalty/leaderboard?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status()).toBe(200);
    const body: { data: { handle: string }[]; nextCursor: string | null } = await res.json();
    everyone.push(...body.data.map((e) => e.handle));
    cursor = body.nextCursor;
  }
  expect(everyone).toContain(handle);
  expect((await request.get('/api/v1/loyalty/leaderboard?cursor=not-ours')).status()).toBe(400);

  // Private again: off the page and the board at once; the page answers like an unknown handle.
  await card.getByRole('button', { name: 'Make private' }).click();
  await expect(card).toContainText('Your profile is private');
  expect((await anon.goto(`/members/${handle}`))?.status()).toBe(404);
  expect((await request.get(`/api/v1/loyalty/members/${handle}`)).status()).toBe(404);
  expect((await request.get('/api/v1/loyalty/members/nobody-has-this')).status()).toBe(404);
  await anon.goto('/loyalty/leaderboard');
  await expect(anon.getByRole('link', { name: `@${handle}` })).toHaveCount(0);
  await anonymous.close();
});

test('the profile API refuses bad input with a problem naming the field', async ({ request }) => {
  expect((await request.get('/api/v1/loyalty/profile')).status()).toBe(401);
  const who = { authorization: `Bearer ${mintClerkToken(`user_e2e_profile_bad_${randomUUID().slice(0, 8)}`)}`, 'content-type': 'application/json' };
  const put = (data: unknown) => request.put('/api/v1/loyalty/profile', { headers: who, data });
  const bad = await put({ public: true, handle: 'a@b.com' });
  expect(bad.status()).toBe(400);
  expect(bad.headers()['content-type']).toContain('application/problem+json');
  expect((await bad.json()).errors).toEqual([expect.objectContaining({ field: 'body.handle' })]);
  const none = await put({ public: true });
  expect(none.status()).toBe(422);
  expect((await none.json()).errors).toEqual([expect.objectContaining({ field: 'handle' })]);
  expect((await put({ public: 'yes' })).status()).toBe(400);
  expect((await request.get('/api/v1/loyalty/leaderboard?limit=0')).status()).toBe(400);
});

test('the Rewards console shows the loyalty contract queue by status, off without a chain, and the programme rules read-only', async ({ page, context, visit }) => {
  test.setTimeout(120_000);
  await signInWithClerk(context, E2E_ADMIN_CLERK_ID);
  await visit('/admin/loyalty?sync=no_wallet');
  const panel = page.getByTestId('chain-sync');
  await expect(panel.getByRole('heading', { name: 'Points on chain' })).toBeVisible();
  await expect(panel).toContainText('The sync is off here');
  await expect(panel.getByRole('navigation', { name: 'Chain sync status' }).getByRole('link', { name: /no wallet/ })).toHaveAttribute('aria-current', 'page');
  await panel.screenshot({ path: `${shots}/admin-chain-sync.png` });
  // a cursor this list did not issue shows the first page rather than an error
  await visit('/admin/loyalty?sync=failed&cursor=not-ours');
  await expect(page.getByTestId('chain-sync')).toBeVisible();

  // the reconciliation report and the fee rebates: off here, nothing run, no rebate yet
  const report = page.getByTestId('chain-reconciliation');
  await expect(report.getByRole('heading', { name: 'On chain against the engine' })).toBeVisible();
  await expect(report).toContainText('The check is off here');
  await expect(report.getByRole('button', { name: 'Check now' })).toHaveCount(0);
  await expect(report).toContainText('Not checked yet');
  const rebates = page.getByTestId('fee-rebates');
  await expect(rebates).toContainText('Payment is off here');
  await expect(rebates.getByRole('navigation', { name: 'Rebate status' }).getByRole('link', { name: /failed/ })).toHaveAttribute('aria-current', 'page');
  await expect(rebates).toContainText('No failed rebates');
  await visit('/admin/loyalty?rebates=confirmed&rebates_cursor=not-ours&run=99999&mismatches=not-ours');
  await expect(page.getByTestId('fee-rebates').getByRole('link', { name: /confirmed/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('chain-reconciliation')).toContainText('Not checked yet');
  // the programme's rules, read-only: each in force with its bounds and what set it
  const rules = page.getByTestId('loyalty-parameters');
  await expect(rules.getByRole('heading', { name: 'Programme rules' })).toBeVisible();
  await expect(rules.getByRole('row', { name: /loyalty\.redemption_points_per_usd/ })).toContainText('100 points');
  await expect(rules.getByRole('row', { name: /loyalty\.tier_threshold\.gold/ })).toContainText('Launch value');
  await expect(rules.getByRole('rowheader', { name: 'Earning', exact: true })).toBeVisible();
  await expect(rules.getByRole('link', { name: 'propose a change' })).toHaveAttribute('href', '/governance/new');
  await expect(rules.getByRole('textbox')).toHaveCount(0);
  await rules.screenshot({ path: `${shots}/admin-parameters.png` });
  await expectAccessible(page, '/admin/loyalty (chain panels)');
  await report.screenshot({ path: `${shots}/admin-reconciliation.png` });
  await rebates.screenshot({ path: `${shots}/admin-fee-rebates.png` });
});

test('the leaderboard is in the site nav for everyone, on a desktop and in the phone menu', async ({ page, context, visit }) => {
  test.setTimeout(120_000);
  await visit('/');
  const main = page.getByRole('navigation', { name: 'Main' });
  await main.getByRole('link', { name: 'Leaderboard' }).click();
  await expect(page).toHaveURL(/\/loyalty\/leaderboard$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Leaderboard' })).toBeVisible();
  await expect(main.getByRole('link', { name: 'Leaderboard' })).toHaveAttribute('aria-current', 'page');
  await page.locator('header').screenshot({ path: `${shots}/nav-desktop-signed-out.png` });
  await expectAccessible(page, '/loyalty/leaderboard from the nav');

  await page.setViewportSize({ width: 390, height: 844 });
  await visit('/');
  await page.getByRole('button', { name: 'Open menu' }).click();
  const sheet = page.getByRole('dialog');
  await expect(sheet.getByRole('link', { name: 'Leaderboard' })).toBeVisible();
  await page.screenshot({ path: `${shots}/nav-phone-signed-out.png` });
  await expectAccessible(page, 'phone menu, signed out');
  await sheet.getByRole('link', { name: 'Leaderboard' }).click();
  await expect(page).toHaveURL(/\/loyalty\/leaderboard$/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // signed in, Rewards and the Leaderboard share the Loyalty menu; on the board only it is current
  await signInWithClerk(context, `user_e2e_nav_${randomUUID().slice(0, 8)}`, { name: 'Nav Tester' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await visit('/loyalty/leaderboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Loyalty' }).click();
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: 'Leaderboard' })).toHaveAttribute('aria-current', 'page');
  await expect(menu.getByRole('menuitem', { name: 'Rewards' })).not.toHaveAttribute('aria-current', 'page');
  await page.screenshot({ path: `${shots}/nav-desktop-signed-in.png` });
  await menu.getByRole('menuitem', { name: 'Rewards' }).click();
  await expect(page).toHaveURL(/\/loyalty$/);
  await expect(page.getByRole('main').getByRole('link', { name: 'leaderboard', exact: true })).toHaveAttribute('href', '/loyalty/leaderboard');
});
