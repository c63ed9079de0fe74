import { E2E_CRON_SECRET } from './support/server-env.mjs';
import { expect, test } from './support/test';

test.describe('platform endpoints', () => {
  test('health reports ok, the mode, and a live database', async ({ request }) => {
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', mode: { database: 'pglite', clerk: true, devPersonas: false, paymentRail: 'ledger' }, database: { status: 'up', driver: 'pglite' } });
    expect(typeof body.version).toBe('string');
    expect(res.headers()['x-request-id']).toBeTruthy();
    expect((await (await request.get('/api/ping')).json()).status).toBe('ok');
  });

  test('metrics are exposed in Prometheus text format', async ({ request }) => {
    await request.get('/api/v1/airports?q=lhr');
    const res = await request.get('/api/metrics');
    expect(res.headers()['content-type']).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('traqora_http_requests_total{route="airports.search",method="GET",status="200"}');
    expect(text).toContain('traqora_process_cpu_seconds_total');
  });

  test('airport autocomplete answers real airports', async ({ request }) => {
    const res = await request.get('/api/v1/airports?q=lond&limit=5');
    expect(res.status()).toBe(200);
    const { data } = await res.json();
    expect(data.map((a: { iata: string }) => a.iata)).toEqual(expect.arrayContaining(['LHR', 'LGW']));
  });

  for (const [url, field] of [
    ['/api/v1/airports', 'query.q'],
    ['/api/v1/airports?q=', 'query.q'],
    ['/api/v1/airports?q=lon&limit=0', 'query.limit'],
    ['/api/v1/airports?q=lon&limit=ten', 'query.limit'],
    [`/api/v1/airports?q=${'x'.repeat(61)}`, 'query.q'],
  ] as const) {
    test(`bad query ${url.slice(0, 40)} gets a 400 problem naming ${field}`, async ({ request }) => {
      const res = await request.get(url);
      expect(res.status()).toBe(400);
      expect(res.headers()['content-type']).toBe('application/problem+json');
      const body = await res.json();
      expect(body).toMatchObject({ status: 400, title: 'Bad Request' });
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  }

  test('dev personas are impossible in a production build', async ({ request }) => {
    const res = await request.post('/api/v1/dev/session', { data: { role: 'admin' } });
    expect(res.status()).toBe(403);
    expect(res.headers()['content-type']).toBe('application/problem+json');
    expect(res.headers()['set-cookie']).toBeUndefined();
  });

  test('the /ping page shows the health and refreshes it', async ({ page, visit }) => {
    await visit('/ping');
    await expect(page.getByText(/ok/i).first()).toBeVisible();
    const first = await page.waitForResponse((r) => r.url().endsWith('/api/health'), { timeout: 15_000 });
    expect(first.status()).toBe(200);
  });
});

test.describe('cron endpoints', () => {
  test('run an idempotent job only with the cron secret', async ({ request }) => {
    expect((await request.post('/api/cron/extend-schedule')).status()).toBe(401);
    expect((await request.post('/api/cron/extend-schedule', { headers: { authorization: 'Bearer wrong-secret-000000000' } })).status()).toBe(401);
    const auth = { authorization: `Bearer ${E2E_CRON_SECRET}` };
    expect((await request.post('/api/cron/nope', { headers: auth })).status()).toBe(404);
    const res = await request.post('/api/cron/extend-schedule', { headers: auth });
    expect(res.status()).toBe(200);
    // the schedule was seeded at start, so extending it again adds nothing
    expect(await res.json()).toMatchObject({ job: 'extend-schedule', ok: true, result: { inserted: 0 } });
  });
});
