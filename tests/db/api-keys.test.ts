import { Keypair } from '@stellar/stellar-sdk';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { issueToken } from '@/lib/auth/web-auth';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// API keys end to end through the route handlers: created once and shown once, stored hashed,
// accepted as `Authorization: Bearer trq_…` by the real getViewer(), scoped, rotated with an
// overlap, revoked, last use recorded and audited. The SEP-10 token is a bearer too.

const state = vi.hoisted(() => ({ db: undefined as unknown, session: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
// The cookie session is not what these tests are about: a signed-in owner stands in for it.
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));
vi.mock('@/lib/auth/resolve', () => ({ resolveViewer: async () => state.session }));
vi.mock('@/lib/auth/session-token', async (orig) => ({ ...(await orig<object>()), verifySession: async () => (state.session ? { userId: 'x', source: 'dev', version: 1 } : null) }));

let t: TestDatabase;
let owner: Viewer;

beforeAll(async () => {
  t = await openTestDatabase();
  state.db = t.db;
  owner = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'traveller', name: 'Key Owner' })), source: 'dev' };
});
afterAll(async () => { await t?.close(); });

type Route = Record<string, (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>;
const route = async (file: string) => (await import(/* @vite-ignore */ `@/app/api/v1/${file}/route.ts`)) as Route;

async function send(file: string, method: string, opts: { bearer?: string; body?: unknown; params?: Record<string, string>; path?: string; asOwner?: boolean } = {}) {
  state.session = opts.asOwner ? owner : null;
  const headers: Record<string, string> = { 'x-forwarded-for': '192.0.2.44' };
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const path = opts.path ?? `/api/v1/${file.replace(/\[(\w+)\]/g, (_, k: string) => opts.params?.[k] ?? '')}`;
  const req = new NextRequest(new URL(path, 'http://t.test'), { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  return (await route(file))[method](req, { params: Promise.resolve(opts.params ?? {}) });
}

async function createKey(scope: 'read' | 'read_write', name = `key ${scope}`): Promise<{ key: string; id: string }> {
  const res = await send('api-keys', 'POST', { asOwner: true, body: { name, scope } });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = await res.json();
  return { key: body.key, id: body.data.id };
}

describe('API keys', () => {
  it('are shown once, stored only as a hash with a visible prefix', async () => {
    const res = await send('api-keys', 'POST', { asOwner: true, body: { name: 'Agency feed', scope: 'read' } });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.key).toMatch(/^trq_[a-z0-9]{8}_[A-Za-z0-9_-]{32}$/);
    expect(body.data).toMatchObject({ name: 'Agency feed', scope: 'read', status: 'active', prefix: body.key.slice(0, 12) });
    const [row] = await t.sql<{ hash: string }>(`select encode(secret_hash, 'hex') as hash from traqora.api_keys where id = $1`, [body.data.id]);
    expect(row.hash).toHaveLength(64);
    expect(JSON.stringify(await t.sql('select * from traqora.api_keys'))).not.toContain(body.key.slice(13));
    const listed = await send('api-keys', 'GET', { asOwner: true });
    expect(listed.status, await listed.clone().text()).toBe(200);
    const list = await listed.json();
    expect(list.data.find((k: { id: string }) => k.id === body.data.id)).not.toHaveProperty('key');
  });

  it('refuse bad input naming the field', async () => {
    const res = await send('api-keys', 'POST', { asOwner: true, body: { name: '', scope: 'admin', expires_at: '2001-01-01T00:00:00Z' } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.expires_at', 'body.name', 'body.scope']);
  });

  it('authenticate as their owner, record the last use and audit it', async () => {
    const { key, id } = await createKey('read');
    const me = await send('me', 'GET', { bearer: key });
    expect(me.status).toBe(200);
    expect((await me.json()).data).toMatchObject({ id: owner.id, source: 'api-key' });
    expect(me.headers.get('ratelimit-policy')).toMatch(/^"api-key:standard";q=\d+;w=60$/);
    const [row] = await t.sql<{ last_used_at: string | null; last_used_ip: string }>('select last_used_at, last_used_ip from traqora.api_keys where id = $1', [id]);
    expect(row.last_used_at).not.toBeNull();
    expect(row.last_used_ip).toBe('192.0.2.44');
    await send('me', 'GET', { bearer: key });   // a second use within the hour is not audited again
    const audit = await t.sql<{ action: string; actor: string }>(`select action, actor from traqora.audit_log where resource_id = $1 order by id`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['api_key.created', 'api_key.used']);
    expect(audit[1].actor).toBe(owner.id);
  });

  it('answer 401 for a wrong, malformed or unknown key, and never fall back to anonymous', async () => {
    const { key } = await createKey('read');
    const wrong = await send('me', 'GET', { bearer: `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await send('me', 'GET', { bearer: 'trq_short' })).status).toBe(401);
    expect((await send('airports', 'GET', { bearer: 'not-a-token', path: '/api/v1/airports?q=lon' })).status).toBe(401);
  });

  it('limit read keys to reading', async () => {
    const { key } = await createKey('read');
    const res = await send('api-keys', 'POST', { bearer: key, body: { name: 'x', scope: 'read' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ scope: 'read' });
    // A read_write key still cannot manage keys: that needs a signed-in session.
    const rw = await createKey('read_write');
    const minted = await send('api-keys', 'POST', { bearer: rw.key, body: { name: 'x', scope: 'read' } });
    expect(minted.status).toBe(403);
  });

  it('rotate with an overlap window: both work until the old one expires', async () => {
    const old = await createKey('read_write', 'CI deploy');
    const res = await send('api-keys/[id]/rotation', 'POST', { asOwner: true, params: { id: old.id }, body: { overlap_seconds: 3600 } });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json();
    expect(body.data).toMatchObject({ name: 'CI deploy', scope: 'read_write', status: 'active' });
    expect(body.previous.rotated_to).toBe(body.data.id);
    expect(Date.parse(body.previous.expires_at) - Date.now()).toBeGreaterThan(3500_000);
    expect((await send('me', 'GET', { bearer: old.key })).status).toBe(200);
    expect((await send('me', 'GET', { bearer: body.key })).status).toBe(200);
    // Rotating the same key twice is refused; the overlap ending retires the old key.
    expect((await send('api-keys/[id]/rotation', 'POST', { asOwner: true, params: { id: old.id }, body: {} })).status).toBe(409);
    await t.sql(`update traqora.api_keys set expires_at = now() - interval '1 second' where id = $1`, [old.id]);
    expect((await send('me', 'GET', { bearer: old.key })).status).toBe(401);
    expect((await send('me', 'GET', { bearer: body.key })).status).toBe(200);
  });

  it('revoke at once, only their owner', async () => {
    const { key, id } = await createKey('read');
    const stranger = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'traveller', name: 'Stranger' })), source: 'dev' as const };
    state.session = stranger;
    const req = new NextRequest(new URL(`/api/v1/api-keys/${id}`, 'http://t.test'), { method: 'DELETE' });
    expect((await (await route('api-keys/[id]')).DELETE(req, { params: Promise.resolve({ id }) })).status).toBe(404);
    const res = await send('api-keys/[id]', 'DELETE', { asOwner: true, params: { id } });
    expect(res.status).toBe(200);
    expect((await res.json()).data.status).toBe('revoked');
    expect((await send('me', 'GET', { bearer: key })).status).toBe(401);
    const list = await (await send('api-keys', 'GET', { asOwner: true, path: '/api/v1/api-keys?limit=2' })).json();
    expect(list.data).toHaveLength(2);
    expect(list.nextCursor).toEqual(expect.any(String));
    const next = await (await send('api-keys', 'GET', { asOwner: true, path: `/api/v1/api-keys?limit=2&cursor=${list.nextCursor}` })).json();
    expect(next.data.map((k: { id: string }) => k.id)).not.toContain(list.data[0].id);
    expect((await send('api-keys', 'GET', { asOwner: true, path: '/api/v1/api-keys?cursor=garbage' })).status).toBe(400);
  });
});

describe('SEP-10 token as a bearer', () => {
  it('stands for the wallet user; a token for an unknown wallet is refused', async () => {
    const account = Keypair.random().publicKey();
    const [user] = await t.sql<{ id: string }>(`insert into traqora.users (display_name) values ('Wallet Bearer') returning id`);
    await t.sql(`insert into traqora.user_roles (user_id, role) values ($1, 'traveller')`, [user.id]);
    await t.sql(`insert into traqora.wallets (address, user_id) values ($1, $2)`, [account, user.id]);
    const site = { origin: 'http://t.test', homeDomain: 't.test', webAuthDomain: 't.test', endpoint: 'http://t.test/api/v1/auth' };
    const token = await issueToken(site, account, null, 'jti-test-0001', { userId: user.id, version: 1 });
    const me = await send('me', 'GET', { bearer: token });
    expect(me.status).toBe(200);
    expect((await me.json()).data).toMatchObject({ id: user.id, source: 'wallet' });
    expect(me.headers.get('ratelimit-policy')).toMatch(/^"signed-in"/);
    const stranger = await issueToken(site, Keypair.random().publicKey(), null, 'jti-test-0002', { userId: user.id, version: 1 });
    expect((await send('me', 'GET', { bearer: stranger })).status).toBe(401);
    // Issued to another user than the wallet's now: refused.
    const [other] = await t.sql<{ id: string }>(`insert into traqora.users (display_name) values ('Other') returning id`);
    expect((await send('me', 'GET', { bearer: await issueToken(site, account, null, 'jti-test-0003', { userId: other.id, version: 1 }) })).status).toBe(401);
  });

  it('dies with "sign out everywhere" and with a suspension, like the cookie session', async () => {
    const account = Keypair.random().publicKey();
    const [user] = await t.sql<{ id: string }>(`insert into traqora.users (display_name) values ('Revoked Bearer') returning id`);
    await t.sql(`insert into traqora.user_roles (user_id, role) values ($1, 'traveller')`, [user.id]);
    await t.sql(`insert into traqora.wallets (address, user_id) values ($1, $2)`, [account, user.id]);
    const site = { origin: 'http://t.test', homeDomain: 't.test', webAuthDomain: 't.test', endpoint: 'http://t.test/api/v1/auth' };
    const version = async () => t.db.call<number>('session_version', { user_id: user.id });
    const old = await issueToken(site, account, null, 'jti-test-0010', { userId: user.id, version: await version() });
    expect((await send('me', 'GET', { bearer: old })).status).toBe(200);
    await t.db.call('revoke_sessions', { user_id: user.id });
    expect((await send('me', 'GET', { bearer: old })).status).toBe(401);
    // A token issued after the sign-out works, until the user is suspended.
    const fresh = await issueToken(site, account, null, 'jti-test-0011', { userId: user.id, version: await version() });
    expect((await send('me', 'GET', { bearer: fresh })).status).toBe(200);
    await t.sql(`update traqora.users set suspended_at = now(), suspension_reason = 'bearer test' where id = $1`, [user.id]);
    expect((await send('me', 'GET', { bearer: fresh })).status).toBe(401);
    // Reinstated: the suspension bumped the version, so the token stays dead.
    await t.sql(`update traqora.users set suspended_at = null, suspension_reason = null where id = $1`, [user.id]);
    expect((await send('me', 'GET', { bearer: fresh })).status).toBe(401);
  });

  it('refuses a token without the session claims (issued before they existed)', async () => {
    const { SignJWT } = await import('jose');
    const { sessionSecret } = await import('@/lib/auth/session-secret');
    const account = Keypair.random().publicKey();
    const legacy = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('http://t.test/api/v1/auth')
      .setSubject(account).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(`sep10:${sessionSecret()}`));
    expect((await send('me', 'GET', { bearer: legacy })).status).toBe(401);
  });
});
