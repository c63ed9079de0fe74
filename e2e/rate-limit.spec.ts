import { expect, expectAccessible, test } from './support/test';

// The browser and the rate limiter: the API's RateLimit fields on real answers, and a 429 on
// the search page waited out with a visible, polite notice, then the results. (The e2e server's
// own limits are out of reach, see server-env.mjs; the 429 here is the limiter's answer as the
// tests in tests/unit/rate-limit-handler.test.ts pin it down.)

const inDays = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);

test('the API tells callers where they stand in their limit', async ({ request }) => {
  const res = await request.get('/api/v1/airports?q=lon');
  expect(res.status()).toBe(200);
  expect(res.headers()['ratelimit-policy']).toMatch(/^"anonymous";q=\d+;w=60$/);
  expect(res.headers()['ratelimit']).toMatch(/^"anonymous";r=\d+;t=\d+$/);
});

// The results page is rendered on the server, filters and sort included (components/results), so
// the browser's own API calls there are the search form's: the airport suggestions. One of those is
// refused with a 429, and the page must wait it out with the notice, retry once, and show them.
test('a 429 on the search page is waited out with a visible notice, then the answer shows', async ({ page, visit }) => {
  // A page load, the wait itself and an axe pass: slower than most tests on a loaded machine.
  test.setTimeout(120_000);
  const asked: string[] = [];
  await page.route((url) => url.pathname === '/api/v1/airports' && /^frankf/i.test(url.searchParams.get('q') ?? ''), async (route) => {
    asked.push(route.request().url());
    if (asked.length === 1) {
      await route.fulfill({
        status: 429,
        contentType: 'application/problem+json',
        headers: { 'retry-after': '6', ratelimit: '"anonymous";r=0;t=6', 'ratelimit-policy': '"anonymous";q=120;w=60' },
        body: JSON.stringify({ type: 'https://traqora.dev/problems/too-many-requests', title: 'Too Many Requests', status: 429,
          detail: 'Too many requests: the anonymous limit is 120 per 60 s. Try again in 6 s.', 'violated-policies': ['anonymous'] }),
      });
    } else {
      await route.continue();
    }
  });
  await visit(`/search?from=JFK&to=LHR&date=${inDays(10)}&adults=1&children=0&infants=0&cabin=economy`);
  const offers = page.getByRole('region', { name: 'Flights' }).getByRole('article');
  await expect(offers.first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'To' }).fill('Frankfurt');
  const notice = page.getByRole('status').filter({ hasText: 'One moment, please' });
  await expect(notice).toBeVisible();
  await expect(notice.getByTestId('rate-limit-wait')).toContainText(/Trying again (in \d+ s|now)/);
  await expectAccessible(page, 'search waiting out a rate limit');
  await page.screenshot({ path: 'test-results/rate-limit-notice.png' });
  await expect(notice).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('option', { name: /FRA/ })).toBeVisible();
  expect(asked).toHaveLength(2);   // one refusal, one retry after the wait: no hammering
});
