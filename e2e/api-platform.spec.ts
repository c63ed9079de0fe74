import { mintClerkToken, signInWithClerk } from './support/clerk';
import { CLERK_FRONTEND_API, E2E_ADMIN_CLERK_ID } from './support/server-env.mjs';
import { expect, expectAccessible, test } from './support/test';

// The API platform in the browser: a traveller makes an API key on the settings page, sees it
// once, calls the API with it, revokes it; the reference page renders the OpenAPI document and
// sends a request.

// First in the run alphabetically: it may meet the server still warming up (seeding in process).
test.describe.configure({ timeout: 180_000 });

test('create an API key, use it as a bearer, revoke it', async ({ page, context, visit, request }) => {
  await signInWithClerk(context, 'user_e2e_api_keys', { name: 'Key Maker' });
  await visit('/settings/api-keys');
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
  await expect(page.getByText('No API keys yet')).toBeVisible();

  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByRole('button', { name: 'Create key' }).click();
  await expect(form.getByText(/Give the key a name/)).toBeVisible();
  await form.getByLabel('Name').fill('Agency feed');
  await form.getByLabel('Access').selectOption('read');
  await form.getByRole('button', { name: 'Create key' }).click();

  const shown = page.getByLabel('New API key');
  await expect(shown).toHaveValue(/^trq_[a-z0-9]{8}_/);
  const key = await shown.inputValue();
  const list = page.getByRole('list', { name: 'Your API keys' });
  await expect(list.getByText('Agency feed')).toBeVisible();
  await expect(list.getByText(key.slice(0, 12))).toBeVisible();
  await expectAccessible(page, 'api keys with a new key');
  await page.screenshot({ path: 'test-results/api-keys.png', fullPage: true });

  const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).data).toMatchObject({ name: 'Key Maker', source: 'api-key' });
  expect(me.headers()['ratelimit-policy']).toMatch(/^"api-key:standard";q=\d+;w=60$/);
  const write = await request.post('/api/v1/api-keys', { headers: { authorization: `Bearer ${key}` }, data: { name: 'x', scope: 'read' } });
  expect(write.status()).toBe(403);

  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(shown).toHaveCount(0);
  await list.getByRole('button', { name: 'Revoke Agency feed' }).click();
  await list.getByRole('button', { name: 'Confirm revoking Agency feed' }).click();
  await expect(list.getByText('revoked')).toBeVisible();
  expect((await request.get('/api/v1/me', { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);
});

test('an admin moves a key to a larger plan in the console; its owner sees it and the key is counted on it', async ({ page, context, visit, browser, request }, testInfo) => {
  await signInWithClerk(context, 'user_e2e_api_plans', { name: 'Plan Holder' });
  await visit('/settings/api-keys');
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name').fill('Partner feed');
  await form.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByLabel('New API key').inputValue();
  const prefix = key.slice(0, 12);
  const row = page.getByRole('list', { name: 'Your API keys' }).getByRole('listitem').filter({ hasText: 'Partner feed' });
  await expect(row.getByTestId('key-plan')).toHaveText(/^standard plan: [\d,]+ requests per 60 s$/);

  // The admin, in a browser of their own: the rate-limit page shows the plans and leads to the keys.
  const adminContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  await adminContext.route(`https://${CLERK_FRONTEND_API}/**`, (r) => r.abort());
  await signInWithClerk(adminContext, E2E_ADMIN_CLERK_ID, { name: 'Plans Admin' });
  const admin = await adminContext.newPage();
  await admin.goto('/admin/rate-limits');
  await expect(admin.getByRole('heading', { name: 'API key plans, per key' })).toBeVisible();
  await admin.getByRole('link', { name: 'See keys and change their plans' }).click();
  await expect(admin.getByRole('heading', { name: 'API keys and plans', level: 1 })).toBeVisible();
  await admin.getByLabel('Search').fill(prefix);
  await admin.getByRole('button', { name: 'Search' }).click();
  const listed = admin.locator(`tr[data-key-prefix="${prefix}"]`);
  await expect(listed.getByRole('link', { name: 'Plan Holder' })).toBeVisible();
  await expect(listed).toContainText('standard');
  await listed.getByLabel('Plan for Partner feed').selectOption('partner');
  await listed.getByLabel('Reason (optional)').fill('Signed the partner agreement');
  await listed.getByRole('button', { name: 'Change plan' }).click();
  await expect(listed.getByRole('status')).toHaveText(/Changed/);
  await expectAccessible(admin, 'api keys and plans');
  await admin.screenshot({ path: 'test-results/api-key-plans-console.png', fullPage: true });
  await adminContext.close();

  // The owner sees the new plan, and the key is counted on it from its next request.
  await page.reload();
  await expect(row.getByTestId('key-plan')).toHaveText('partner plan: 6,000 requests per 60 s');
  const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${key}` } });
  expect(me.headers()['ratelimit-policy']).toBe('"api-key:partner";q=6000;w=60');

  // The same through the admin API: the list names the plan and owner, a change is one PATCH.
  const ADMIN = { authorization: `Bearer ${mintClerkToken(E2E_ADMIN_CLERK_ID)}` };
  const found = await request.get(`/api/v1/admin/api-keys?q=${prefix}`, { headers: ADMIN });
  expect(found.status()).toBe(200);
  const [listedKey] = (await found.json()).data;
  expect(listedKey).toMatchObject({ prefix, plan: 'partner', owner: { name: 'Plan Holder' } });
  const wrong = await request.patch(`/api/v1/admin/api-keys/${listedKey.id}`, { headers: ADMIN, data: { plan: 'platinum' } });
  expect(wrong.status()).toBe(400);
  expect((await wrong.json()).errors[0].field).toBe('body.plan');
  const moved = await request.patch(`/api/v1/admin/api-keys/${listedKey.id}`, { headers: ADMIN, data: { plan: 'enterprise', reason: 'Grew' } });
  expect(moved.status()).toBe(200);
  expect((await moved.json()).data.plan).toBe('enterprise');
  expect((await request.get('/api/v1/me', { headers: { authorization: `Bearer ${key}` } })).headers()['ratelimit-policy']).toBe('"api-key:enterprise";q=30000;w=60');
});

// The settings page's Rotate button calls this route; here through the API, so its answer (the new
// key, and the old one with its end) is checked against the OpenAPI document like every other.
test('rotate a key: a new key at once, the old one still works during the overlap', async ({ request }) => {
  const session = { authorization: `Bearer ${mintClerkToken('user_e2e_api_rotation')}` };
  const made = await request.post('/api/v1/api-keys', { headers: session, data: { name: 'Nightly export', scope: 'read' } });
  expect(made.status()).toBe(201);
  const old = await made.json() as { key: string; data: { id: string } };

  const rotated = await request.post(`/api/v1/api-keys/${old.data.id}/rotation`, { headers: session, data: { overlap_seconds: 600 } });
  expect(rotated.status()).toBe(201);
  const next = await rotated.json() as { key: string; data: { id: string; name: string }; previous: { id: string; rotated_to: string | null } };
  expect(next.key).not.toBe(old.key);
  expect(next.data.name).toBe('Nightly export');
  expect(next.previous).toMatchObject({ id: old.data.id, rotated_to: next.data.id });
  for (const key of [old.key, next.key]) {
    expect((await request.get('/api/v1/me', { headers: { authorization: `Bearer ${key}` } })).status()).toBe(200);
  }
  const listed = await (await request.get('/api/v1/api-keys', { headers: session })).json() as { data: { id: string }[] };
  expect(listed.data.map((k) => k.id)).toEqual(expect.arrayContaining([old.data.id, next.data.id]));
});

test('the API reference renders the OpenAPI document and tries a request', async ({ page, visit, request }) => {
  const doc = await request.get('/api/v1/openapi.json');
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe('3.1.0');

  await visit('/docs/api');
  await expect(page.getByRole('heading', { name: 'Traqora API reference', level: 1 })).toBeVisible();
  const airports = page.locator('details#airports\\.search');
  await airports.locator('summary').click();
  // What it answers, field by field, from the route's own response schema.
  const outline = airports.getByRole('region', { name: 'Answer of airports.search' });
  await expect(outline).toContainText('data');
  await expect(outline).toContainText('iata');
  await expect(outline).toContainText('country_code');
  await airports.getByRole('textbox', { name: /^q/ }).fill('lon');
  await airports.getByRole('button', { name: 'Send GET' }).click();
  const answer = airports.getByRole('status');
  await expect(answer).toContainText('200');
  await expect(answer).toContainText('ratelimit-policy');
  await expect(answer.getByLabel('Response body')).toContainText('LHR');
  await expectAccessible(page, 'api reference with an answer');
  await page.screenshot({ path: 'test-results/api-reference.png' });
});
