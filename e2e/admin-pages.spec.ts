import type { APIRequestContext, Page } from '@playwright/test';
import { PERMISSION_NAMES, PERMISSIONS, type Permission } from '@/lib/admin/permissions';
import type { Role } from '@/lib/auth/types';
import { adminNavFor } from '@/components/admin/nav-items';
import { mintClerkToken, signInWithClerk } from './support/clerk';
import { E2E_ADMIN_CLERK_ID } from './support/server-env.mjs';
import { expect, expectAccessible, test } from './support/test';

// Every console page as every role that may see it (issue #10: "Playwright over every admin page
// as admin, finance, support, ops and operator, with screenshots and axe clean"). The pages a role
// is offered come from the one permission table (lib/admin/permissions.ts) through the console's
// own navigation builder, so a page added to the nav is walked here without touching this file.
// Each page answers 200 with its heading, passes axe, and is photographed at desktop and phone
// widths. The journeys on those pages are the other console specs' business.

const ADMIN = { authorization: `Bearer ${mintClerkToken(E2E_ADMIN_CLERK_ID)}` };
const bearer = (sub: string) => ({ authorization: `Bearer ${mintClerkToken(sub)}` });
const run = Date.now().toString(36);

async function grant(request: APIRequestContext, sub: string, role: Role, airline?: string) {
  const me = await (await request.get('/api/v1/me', { headers: bearer(sub) })).json();
  const res = await request.post(`/api/v1/admin/users/${me.data.id}/roles`, { headers: ADMIN, data: { role, airline, reason: 'e2e: every page' } });
  expect([201, 409], await res.text()).toContain(res.status());
}

/** The pages the console's navigation offers `role`, by the permission table. */
function pagesOf(role: Role): string[] {
  const perms = PERMISSION_NAMES.filter((p: Permission) => (PERMISSIONS[p] as readonly string[]).includes(role));
  return adminNavFor(perms).map((item) => item.href);
}

async function walk(page: Page, path: string, name: string) {
  const res = await page.goto(path);
  expect(res?.status(), `${name} ${path}`).toBe(200);
  await expect(page.getByRole('heading', { level: 1 }).first(), `${name} ${path}`).toBeVisible();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await expectAccessible(page, `${name} ${path}`);
  const file = `${name}${path.replaceAll('/', '-')}`;
  await page.screenshot({ path: test.info().outputPath(`${file}-desktop.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  // No page scrolls sideways on a phone; a failure names what reaches past the right edge. Polled:
  // the page was drawn at desktop width, and charts (recharts' ResponsiveContainer) redraw for the
  // new width only after their ResizeObserver fires, a frame or more after the resize.
  await expect.poll(() => page.evaluate(() => {
    const by = document.documentElement.scrollWidth - window.innerWidth;
    const past = by <= 0 ? [] : [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(-5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { by: Math.max(by, 0), past };
  }), { message: `${name} ${path} at 390 px`, timeout: 5_000 }).toEqual({ by: 0, past: [] });
  await expectAccessible(page, `${name} ${path} at 390 px`);
  await page.screenshot({ path: test.info().outputPath(`${file}-phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(600_000);
  expect((await request.get('/api/health', { timeout: 590_000 })).status()).toBe(200);
});
test.describe.configure({ timeout: 420_000 });

for (const role of ['admin', 'finance', 'support', 'ops', 'rewards_manager'] as const) {
  test(`${role}: every console page the role is offered opens, passes axe and fits a phone`, async ({ page, request }) => {
    const sub = `user_e2e_pages_${role}_${run}`;
    if (role !== 'admin') await grant(request, sub, role);
    await page.context().clearCookies();
    await signInWithClerk(page.context(), role === 'admin' ? E2E_ADMIN_CLERK_ID : sub, { name: `E2E ${role}` });
    const expected = pagesOf(role);
    expect(expected.length, role).toBeGreaterThan(0);
    const first = await page.goto(expected[0]);
    expect(first?.status()).toBe(200);
    // the navigation offers exactly what the table allows
    const links = page.getByRole('navigation', { name: 'Console' }).first().getByRole('link');
    const offered = await links.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(offered, role).toEqual(expected);
    for (const path of expected) await walk(page, path, role);
  });
}

test('operator: every airline portal page opens, passes axe and fits a phone', async ({ page, request }) => {
  const sub = `user_e2e_pages_operator_${run}`;
  await grant(request, sub, 'operator', 'BA');
  await page.context().clearCookies();
  await signInWithClerk(page.context(), sub, { name: 'E2E operator' });
  for (const path of ['/airline', '/airline/bookings', '/airline/payouts', '/airline/payout-account']) await walk(page, path, 'operator');
  expect((await page.goto('/admin'))?.status()).toBe(403);
});
