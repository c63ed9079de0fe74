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

test('a 429 on search is waited out with a visible notice, then the results show', async ({ page, visit }) => {
  let refused = 0;
  await page.route('**/api/v1/flights/search?**', async (route) => {
    if (refused++ === 0) {
      await route.fulfill({
        status: 429,
        contentType: 'application/problem+json',
        headers: { 'retry-after': '3', ratelimit: '"anonymous";r=0;t=3', 'ratelimit-policy': '"anonymous";q=120;w=60' },
        body: JSON.stringify({ type: 'https://traqora.dev/problems/too-many-requests', title: 'Too Many Requests', status: 429,
          detail: 'Too many requests: the anonymous limit is 120 per 60 s. Try again in 3 s.', 'violated-policies': ['anonymous'] }),
      });
    } else {
      await route.continue();
    }
  });
  await visit(`/search?from=JFK&to=LHR&date=${inDays(10)}&adults=1&children=0&infants=0&cabin=economy`);
  const notice = page.getByRole('status').filter({ hasText: 'One moment, please' });
  await expect(notice).toBeVisible();
  await expect(notice.getByTestId('rate-limit-wait')).toContainText(/Trying again in \d s/);
  await expectAccessible(page, 'search waiting out a rate limit');
  await page.screenshot({ path: 'test-results/rate-limit-notice.png' });
  await expect(page.getByRole('region', { name: 'Flights' }).getByRole('article').first()).toBeVisible({ timeout: 20_000 });
  await expect(notice).toBeHidden();
  expect(refused).toBe(2);   // one refusal, one retry: no hammering
});
