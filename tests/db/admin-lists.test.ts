import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The console's lists as callers page them: filters, search and cursors that neither skip nor
// repeat a row.

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));

let t: TestDatabase;
let admin: Omit<Viewer, 'source'>;
beforeAll(async () => {
  t = await openTestDatabase();
  state.db = t.db;
  admin = await t.db.call('upsert_dev_persona', { role: 'admin', name: 'List Admin' });
  for (let i = 0; i < 7; i++) await t.db.call('upsert_dev_persona', { role: i % 2 ? 'support' : 'traveller', name: `Lister ${i}` });
  await t.sql("update traqora.users set email = 'zed@example.com' where display_name = 'Lister 3'");
});
afterAll(async () => { await t?.close(); });

const ctx = (reason: string) => ({ actor: admin.id, role: 'admin', reason, ip: null, request_id: 'lists-req-0001' });

describe('GET /admin/users', () => {
  it('pages through every user once, newest first', async () => {
    const { listUsers } = await import('@/lib/admin/users');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listUsers({ limit: 3, cursor });
      seen.push(...page.data.map((u) => u.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = await t.sql<{ id: string }>('select id from traqora.users order by created_at desc, id desc');
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it('filters by role and status and searches name, email and id', async () => {
    const { listUsers, suspendUser } = await import('@/lib/admin/users');
    expect((await listUsers({ role: 'support' })).data.map((u) => u.name).sort()).toEqual(['Lister 1', 'Lister 3', 'Lister 5']);
    expect((await listUsers({ q: 'zed@EXAMPLE' })).data.map((u) => u.name)).toEqual(['Lister 3']);
    expect((await listUsers({ q: 'lister 1' })).data.map((u) => u.name)).toEqual(['Lister 1']);
    expect((await listUsers({ q: '%' })).data).toEqual([]);            // a literal %, not a wildcard
    const target = (await listUsers({ q: 'Lister 6' })).data[0];
    expect((await listUsers({ q: target.id })).data.map((u) => u.id)).toEqual([target.id]);
    await suspendUser({ ...ctx('spam'), role: 'admin' }, target.id);
    expect((await listUsers({ status: 'suspended' })).data).toEqual([expect.objectContaining({ id: target.id, status: 'suspended', suspension_reason: 'spam' })]);
    expect((await listUsers({ status: 'active' })).data.map((u) => u.id)).not.toContain(target.id);
  });
});

describe('GET /admin/audit', () => {
  it('filters by action, resource and actor, pages by cursor, and verifies', async () => {
    const { listAudit, verifyAuditChain } = await import('@/lib/admin/audit');
    const users = await t.sql<{ id: string }>("select id from traqora.users where display_name like 'Lister %' and suspended_at is null order by display_name limit 4");
    for (const u of users) await t.db.call('admin_grant_role', { ctx: ctx('pager'), user_id: u.id, role: 'ops', airline: null });

    const grants = await listAudit({ action: 'user.role_granted' });
    expect(grants.data.map((r) => r.resource_id)).toEqual(users.map((u) => u.id).reverse());
    expect(grants.data[0]).toMatchObject({ actor: admin.id, actor_name: 'List Admin', actor_role: 'admin', reason: 'pager', resource_type: 'user' });
    expect((await listAudit({ resource_type: 'user', resource_id: users[0].id })).data).toHaveLength(1);
    expect((await listAudit({ actor: users[0].id })).data).toEqual([]);
    expect((await listAudit({ from: new Date(Date.now() + 60_000).toISOString() })).data).toEqual([]);

    const first = await listAudit({ limit: 2 });
    const second = await listAudit({ limit: 2, cursor: first.nextCursor! });
    expect(second.data[0].id).toBeLessThan(first.data[1].id);
    const everything = (await listAudit({ limit: 200 })).data.map((r) => r.id);
    expect([...first.data, ...second.data].map((r) => r.id)).toEqual(everything.slice(0, 4));
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: everything.length, first_broken_id: null });
  });
});

describe('bad list input', () => {
  it('is a 400 naming the field, never a database error', async () => {
    const { NextRequest } = await import('next/server');
    vi.doMock('@/lib/auth/viewer', async () => ({ getViewer: async () => ({ ...admin, source: 'dev' }), isAccountSuspended: async () => false }));
    const audit = await import('@/app/api/v1/admin/audit/route');
    const users = await import('@/app/api/v1/admin/users/route');
    const get = async (route: { GET: (r: InstanceType<typeof NextRequest>) => Promise<Response> }, url: string) => {
      const res = await route.GET(new NextRequest(new URL(url, 'http://t.test')));
      return { status: res.status, fields: ((await res.json()).errors ?? []).map((e: { field: string }) => e.field) };
    };
    expect(await get(audit, '/api/v1/admin/audit?from=0000-01-01T00:00:00Z')).toEqual({ status: 400, fields: ['query.from'] });
    expect(await get(audit, '/api/v1/admin/audit?cursor=abc')).toEqual({ status: 400, fields: ['query.cursor'] });
    expect(await get(audit, '/api/v1/admin/audit?actor=nobody&limit=1e999')).toEqual({ status: 400, fields: ['query.actor', 'query.limit'] });
    expect(await get(users, '/api/v1/admin/users?role=pilot&status=gone')).toEqual({ status: 400, fields: ['query.role', 'query.status'] });
    expect((await get(users, `/api/v1/admin/users?q=${encodeURIComponent("'; drop table traqora.users; --")}`)).status).toBe(200);
  });
});
