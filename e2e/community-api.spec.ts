import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { mintClerkToken } from './support/clerk';
import { E2E_ADMIN_CLERK_ID } from './support/server-env.mjs';
import { expect, test } from './support/test';

// Governance, jury and rewards-console routes no journey calls through the API, each called once
// as an integrator would: every answer here is validated against the OpenAPI document the server
// publishes (e2e/support/api-answers.ts), so their documented answers are checked against what
// the server really sends, not only against the TypeScript types.

const bearer = (sub: string) => ({ authorization: `Bearer ${mintClerkToken(sub)}` });
const admin = bearer(E2E_ADMIN_CLERK_ID);
const run = randomUUID().slice(0, 8);

async function idOf(request: APIRequestContext, who: Record<string, string>): Promise<string> {
  return (await (await request.get('/api/v1/me', { headers: who })).json()).data.id;
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(600_000);
  expect((await request.get('/api/health', { timeout: 590_000 })).status()).toBe(200);
});

test('a TRQ holder: treasury airdrop, delegation, statement, the directory, their votes; a juror stakes and withdraws', async ({ request }) => {
  const who = bearer(`user_e2e_holder_${run}`);
  const holder = await idOf(request, who);
  const sent = await request.post('/api/v1/governance/treasury', { headers: admin, data: { reason: 'e2e holder', recipients: [{ user_id: holder, amount: '150' }] } });
  expect(sent.status(), await sent.text()).toBe(201);
  expect((await sent.json()).recipients).toBe(1);
  const treasury = await request.get('/api/v1/governance/treasury?limit=1', { headers: admin });
  expect((await treasury.json()).data.distributions).toHaveLength(1);

  const account = await (await request.get('/api/v1/governance/delegation', { headers: who })).json();
  expect(account).toMatchObject({ holder, balance: '1500000000', delegates_to_self: true, staked: '0' });
  const same = await request.post('/api/v1/governance/delegation', { headers: who, data: { delegate: null } });
  expect(await same.json()).toMatchObject({ changed: false });
  const statement = await request.post('/api/v1/governance/delegation/statement', { headers: who, data: { statement: 'I read every proposal.' } });
  expect((await statement.json()).delegate_statement).toBe('I read every proposal.');
  const directory = await request.get('/api/v1/governance/delegates?limit=100');
  expect(directory.status()).toBe(200);
  expect((await directory.json()).data.length).toBeGreaterThan(0);
  expect(await (await request.get('/api/v1/governance/votes', { headers: who })).json()).toEqual({ data: [], nextCursor: null });

  // the minimum stake (100 TRQ) joins the juror pool; withdrawing hands it back
  const staked = await request.post('/api/v1/jury/stake', { headers: who, data: { amount: '1000000000' } });
  expect(staked.status(), await staked.text()).toBe(200);
  const standing = await (await request.get('/api/v1/jury?limit=5', { headers: who })).json();
  expect(standing).toMatchObject({ data: { active: true, staked: '1000000000', cases: [] }, nextCursor: null });
  const withdrawn = await request.post('/api/v1/jury/withdraw', { headers: who });
  expect((await withdrawn.json()).data).toMatchObject({ active: false, staked: '0' });
});

test('a rewards manager: a member and an adjustment, a campaign started and ended, an airdrop batch, the chain panels', async ({ request }) => {
  const member = bearer(`user_e2e_rewarded_${run}`);
  const memberId = await idOf(request, member);
  expect((await request.get('/api/v1/loyalty', { headers: member })).status()).toBe(200);

  const adjusted = await request.post(`/api/v1/admin/loyalty/members/${memberId}/adjustments`, {
    headers: { ...admin, 'idempotency-key': randomUUID() }, data: { points: 40, reason: 'e2e goodwill' } });
  expect(adjusted.status(), await adjusted.text()).toBe(201);
  const seen = await (await request.get(`/api/v1/admin/loyalty/members/${memberId}?limit=1`, { headers: admin })).json();
  expect(seen.data).toMatchObject({ user_id: memberId, summary: { points: { active: 40 } } });

  // a campaign on an airline no flight has, so no booking of another spec earns from it
  const now = Date.now();
  const created = await request.post('/api/v1/admin/loyalty/campaigns', { headers: { ...admin, 'idempotency-key': randomUUID() },
    data: { name: `e2e campaign ${run}`, kind: 'fixed', value: 10, airline: 'Z9', starts_at: new Date(now).toISOString(), ends_at: new Date(now + 864e5).toISOString() } });
  expect(created.status(), await created.text()).toBe(201);
  const campaign = (await created.json()).data;
  expect((await (await request.get('/api/v1/admin/loyalty/campaigns?limit=5', { headers: admin })).json()).data.map((c: { id: number }) => c.id)).toContain(campaign.id);
  const ended = await request.delete(`/api/v1/admin/loyalty/campaigns/${campaign.id}`, { headers: admin });
  expect((await ended.json()).data).toMatchObject({ id: campaign.id, status: 'ended' });

  const batch = randomUUID();
  const drop = await request.post('/api/v1/admin/loyalty/airdrops', { headers: admin,
    data: { batch_id: batch, kind: 'points', points: 5, reason: 'e2e answers', recipients: [memberId, `nobody-${run}@example.test`] } });
  expect(drop.status(), await drop.text()).toBe(201);
  expect((await request.post(`/api/v1/admin/loyalty/airdrops/${batch}/run`, { headers: admin })).status()).toBe(200);
  expect((await (await request.get(`/api/v1/admin/loyalty/airdrops/${batch}`, { headers: admin })).json()).data)
    .toMatchObject({ status: 'done', progress: { total: 2, credited: 1, unknown: 1 } });
  expect((await request.get('/api/v1/admin/loyalty/airdrops?limit=3', { headers: admin })).status()).toBe(200);

  for (const panel of ['chain-syncs', 'chain-reconciliation', 'fee-rebates']) {
    expect((await request.get(`/api/v1/admin/loyalty/${panel}?limit=5`, { headers: admin })).status(), panel).toBe(200);
  }
  expect((await request.get('/api/v1/admin/disputes?limit=5', { headers: admin })).status()).toBe(200);
});
