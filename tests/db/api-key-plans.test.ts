import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// API-key plans through the real route handlers and the real limiter: a key is counted against
// its plan's quota (in the database on PostgreSQL, as every instance shares it; in memory on
// PGlite), an admin's plan change counts from the key's next request and is audited, rotation
// keeps the plan, and the admin API refuses what it must. Quotas are tight here: standard 3,
// partner 6, enterprise 50 requests a minute.

const state = vi.hoisted(() => ({ db: undefined as unknown, session: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/config', async () => {
  const { parseEnv } = await import('@/lib/config/env');
  const { deriveMode } = await import('@/lib/config/mode');
  const env = parseEnv({
    NODE_ENV: 'test', RATE_LIMIT_API_KEY: '3', RATE_LIMIT_API_PLANS: 'partner:6,enterprise:50',
    RATE_LIMIT_ANONYMOUS: '1000000', RATE_LIMIT_SIGNED_IN: '1000000', RATE_LIMIT_SIGN_IN: '1000000', RATE_LIMIT_BOOKING: '1000000', RATE_LIMIT_PAYMENT: '1000000',
  });
  // Counts in the database on a server, as production runs; in memory on PGlite.
  const mode = { ...deriveMode(env), database: process.env.DB_TARGET === 'postgres' ? 'postgres' : 'pglite' };
  return { config: () => ({ env, mode }), ConfigError: Error };
});
// The cookie session is not what these tests are about: a signed-in viewer stands in for it.
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));
vi.mock('@/lib/auth/resolve', () => ({ resolveViewer: async () => state.session }));
vi.mock('@/lib/auth/session-token', async (orig) => ({ ...(await orig<object>()), verifySession: async () => (state.session ? { userId: 'x', source: 'dev', version: 1 } : null) }));

let t: TestDatabase;
let owner: Viewer;
let admin: Viewer;

beforeAll(async () => {
  // A limiter another test file of this worker made would carry its own quotas.
  delete (globalThis as { __traqoraRateLimits?: unknown }).__traqoraRateLimits;
  t = await openTestDatabase();
  state.db = t.db;
  owner = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'traveller', name: 'Plan Owner' })), source: 'dev' };
  admin = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'admin', name: 'Plan Admin' })), source: 'dev' };
});
afterAll(async () => { await t?.close(); });

type Route = Record<string, (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>;
const route = async (file: string) => (await import(/* @vite-ignore */ `@/app/api/v1/${file}/route.ts`)) as Route;

async function send(file: string, method: string, opts: { bearer?: string; body?: unknown; params?: Record<string, string>; path?: string; as?: Viewer } = {}) {
  state.session = opts.as ?? null;
  const headers: Record<string, string> = { 'x-forwarded-for': '192.0.2.45' };
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const path = opts.path ?? `/api/v1/${file.replace(/\[(\w+)\]/g, (_, k: string) => opts.params?.[k] ?? '')}`;
  const req = new NextRequest(new URL(path, 'http://t.test'), { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  return (await route(file))[method](req, { params: Promise.resolve(opts.params ?? {}) });
}

async function createKey(name: string): Promise<{ key: string; id: string; plan: string }> {
  const res = await send('api-keys', 'POST', { as: owner, body: { name, scope: 'read' } });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = await res.json();
  return { key: body.key, id: body.data.id, plan: body.data.plan };
}

const setPlan = (id: string, plan: unknown, as: Viewer = admin, reason?: string) =>
  send('admin/api-keys/[id]', 'PATCH', { as, params: { id }, body: { plan, ...(reason ? { reason } : {}) } });

/** Calls GET /api/v1/me with the key `n` times; the statuses. */
async function use(key: string, n: number): Promise<Response[]> {
  const answers: Response[] = [];
  for (let i = 0; i < n; i++) answers.push(await send('me', 'GET', { bearer: key }));
  return answers;
}

describe('API-key plans', () => {
  it("count a partner key against its plan's quota and refuse a standard key at its own", async () => {
    const standard = await createKey('Standard feed');
    const partner = await createKey('Partner feed');
    expect([standard.plan, partner.plan]).toEqual(['standard', 'standard']);   // every new key
    expect((await setPlan(partner.id, 'partner')).status).toBe(200);

    const plain = await use(standard.key, 4);
    expect(plain.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(plain[0].headers.get('ratelimit-policy')).toBe('"api-key:standard";q=3;w=60');
    expect(plain[0].headers.get('ratelimit')).toMatch(/^"api-key:standard";r=2;t=\d+$/);
    const refused = await plain[3].json();
    expect(refused).toMatchObject({ status: 429, plan: 'standard', 'violated-policies': ['api-key:standard'] });
    expect(refused.detail).toMatch(/standard plan allows 3 requests per 60 s/);
    expect(refused.detail).toMatch(/partner: 6, enterprise: 50 per 60 s/);   // how to get more
    expect(plain[3].headers.get('retry-after')).toMatch(/^\d+$/);

    const bigger = await use(partner.key, 7);
    expect(bigger.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(bigger[0].headers.get('ratelimit-policy')).toBe('"api-key:partner";q=6;w=60');
    expect((await bigger[6].json()).detail).toMatch(/partner plan allows 6 requests per 60 s.*enterprise: 50/);
  });

  it("apply a plan change from the key's next request, audited, and keep the plan through rotation", async () => {
    const { key, id } = await createKey('Upgraded feed');
    expect((await use(key, 4)).map((r) => r.status)).toEqual([200, 200, 200, 429]);

    const changed = await setPlan(id, 'enterprise', admin, 'Signed the enterprise agreement');
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect((await changed.json()).data).toMatchObject({ id, plan: 'enterprise', owner: { id: owner.id, name: 'Plan Owner' } });
    const next = await send('me', 'GET', { bearer: key });
    expect(next.status).toBe(200);
    expect(next.headers.get('ratelimit-policy')).toBe('"api-key:enterprise";q=50;w=60');

    const audit = await t.sql<{ action: string; actor: string; before: unknown; after: { plan: string }; reason: string }>(
      `select action, actor, before, after, reason from traqora.audit_log where resource_id = $1 and action = 'api_key.plan_changed'`, [id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: admin.id, before: { plan: 'standard' }, after: { plan: 'enterprise' }, reason: 'Signed the enterprise agreement' });
    const [event] = await t.sql<{ payload: Record<string, unknown> }>(`select payload from traqora.domain_events where type = 'api_key.plan_changed' and aggregate_id = $1`, [id]);
    expect(event.payload).toMatchObject({ user_id: owner.id, plan: 'enterprise', previous_plan: 'standard', by: admin.id });
    // Asking again for the plan it is on changes and audits nothing.
    expect((await setPlan(id, 'enterprise')).status).toBe(200);
    expect(await t.sql(`select 1 from traqora.audit_log where resource_id = $1 and action = 'api_key.plan_changed'`, [id])).toHaveLength(1);

    // The owner sees the plan on their key; its rotation keeps it.
    const mine = await (await send('api-keys', 'GET', { as: owner })).json();
    expect(mine.data.find((k: { id: string }) => k.id === id).plan).toBe('enterprise');
    const rotated = await send('api-keys/[id]/rotation', 'POST', { as: owner, params: { id }, body: { overlap_seconds: 60 } });
    expect(rotated.status, await rotated.clone().text()).toBe(201);
    const fresh = await rotated.json();
    expect(fresh.data.plan).toBe('enterprise');
    expect((await send('me', 'GET', { bearer: fresh.key })).headers.get('ratelimit-policy')).toBe('"api-key:enterprise";q=50;w=60');
    // The replaced key cannot move any more: its successor is the one to change.
    expect((await setPlan(id, 'partner')).status).toBe(409);

    // Moved back down, the key is refused at the smaller quota again.
    expect((await setPlan(fresh.data.id, 'standard')).status).toBe(200);
    expect((await use(fresh.key, 4)).map((r) => r.status)).toEqual([200, 200, 200, 429]);
  });

  it('refuse a plan the configuration does not define with 400 naming plan, and anyone but an admin with 403', async () => {
    const { id } = await createKey('Guarded feed');
    const unknown = await setPlan(id, 'platinum');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect((await unknown.json()).errors).toEqual([{ field: 'body.plan', message: 'must be one of standard, partner, enterprise' }]);
    expect((await setPlan(id, 42)).status).toBe(400);
    expect((await send('admin/api-keys/[id]', 'PATCH', { as: admin, params: { id }, body: {} })).status).toBe(400);
    // A path that names no key is no such key (handler(): bad path params are 404s).
    expect((await send('admin/api-keys/[id]', 'PATCH', { as: admin, params: { id: 'not-a-key' }, body: { plan: 'partner' } })).status).toBe(404);
    // The database checks the name's shape itself, naming the field, whoever calls it.
    const ctx = { actor: admin.id, role: 'admin', reason: null, ip: null, request_id: 'req-plan' };
    await expect(t.db.call('admin_set_api_key_plan', { ctx, key_id: id, plan: 'Not A Plan' })).rejects.toMatchObject({ status: 400, field: 'plan' });
    expect((await setPlan('00000000-0000-4000-8000-000000000000', 'partner')).status).toBe(404);

    const notAdmin = await setPlan(id, 'partner', owner);
    expect(notAdmin.status).toBe(403);
    expect(await notAdmin.json()).toMatchObject({ permission: 'rate_limits.manage' });
    expect((await send('admin/api-keys', 'GET', { as: owner })).status).toBe(403);
    expect((await send('admin/api-keys', 'GET')).status).toBe(401);
    const [{ plan }] = await t.sql<{ plan: string }>('select plan from traqora.api_keys where id = $1', [id]);
    expect(plan).toBe('standard');

    await send('api-keys/[id]', 'DELETE', { as: owner, params: { id } });
    expect((await setPlan(id, 'partner')).status).toBe(409);   // a revoked key stays where it was
  });

  it('list every key for admins with owner, plan and last use, filtered and cursor-paged', async () => {
    const used = await createKey('Listed feed');
    await use(used.key, 1);
    await setPlan(used.id, 'partner');
    const page = await send('admin/api-keys', 'GET', { as: admin, path: '/api/v1/admin/api-keys?plan=partner' });
    expect(page.status, await page.clone().text()).toBe(200);
    const body = await page.json();
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((k: { plan: string }) => k.plan === 'partner')).toBe(true);
    expect(body.data[0]).toMatchObject({ id: used.id, name: 'Listed feed', plan: 'partner', owner: { id: owner.id, name: 'Plan Owner' } });
    expect(body.data[0].last_used_at).not.toBeNull();

    const prefix = (await (await send('admin/api-keys', 'GET', { as: admin, path: `/api/v1/admin/api-keys?q=${used.key.slice(0, 12)}` })).json()).data;
    expect(prefix.map((k: { id: string }) => k.id)).toEqual([used.id]);
    const byOwner = (await (await send('admin/api-keys', 'GET', { as: admin, path: '/api/v1/admin/api-keys?q=plan%20owner&limit=2' })).json());
    expect(byOwner.data).toHaveLength(2);
    const next = await (await send('admin/api-keys', 'GET', { as: admin, path: `/api/v1/admin/api-keys?q=plan%20owner&limit=2&cursor=${byOwner.nextCursor}` })).json();
    expect(next.data.length).toBeGreaterThan(0);
    expect(next.data.map((k: { id: string }) => k.id)).not.toContain(byOwner.data[1].id);
    expect((await send('admin/api-keys', 'GET', { as: admin, path: '/api/v1/admin/api-keys?cursor=garbage' })).status).toBe(400);
    const badPlan = await send('admin/api-keys', 'GET', { as: admin, path: '/api/v1/admin/api-keys?plan=NOPE' });
    expect(badPlan.status).toBe(400);
    expect((await badPlan.json()).errors[0].field).toBe('query.plan');
  });
});
