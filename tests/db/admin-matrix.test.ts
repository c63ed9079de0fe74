import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Keypair } from '@stellar/stellar-sdk';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSIONS, type Permission } from '@/lib/admin/permissions';
import { ROLES, type Role, type Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The role matrix: every admin endpoint, called as a signed-out caller and as a user of every
// role, answers 401 / 403 / 2xx exactly as lib/admin/permissions.ts says. Expectations come from
// the table; a route file under app/api/v1/admin that this list does not cover fails the test.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;
let admin: Viewer;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 1 });
  state.db = t.db;
  admin = await viewerFor('admin', 'Matrix Root');
});
afterAll(async () => { await t?.close(); });

async function viewerFor(role: Role, name: string): Promise<Viewer> {
  const row = await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role, name, airline: role === 'operator' ? 'DL' : null });
  return { ...row, source: 'dev' };
}
const freshUser = async () => (await viewerFor('traveller', `Target ${Math.random().toString(36).slice(2, 10)}`)).id;
const rootCtx = () => ({ actor: admin.id, role: 'admin', reason: 'matrix set-up', ip: null, request_id: 'matrix-setup-0001' });

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Call { params: Record<string, string>; body?: unknown; query?: string }
interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route's URL pattern, as its folder names it. */
  pattern: string;
  permission: Permission;
  /** A valid request (fresh fixtures each time, so an allowed call always succeeds). */
  call: () => Promise<Call>;
}

const ENDPOINTS: Endpoint[] = [
  { method: 'GET', pattern: '/api/v1/admin/users', permission: 'users.read', call: async () => ({ params: {}, query: '?status=active&limit=5' }) },
  { method: 'POST', pattern: '/api/v1/admin/users/[id]/roles', permission: 'roles.grant',
    call: async () => ({ params: { id: await freshUser() }, body: { role: 'ops', reason: 'on call' } }) },
  { method: 'DELETE', pattern: '/api/v1/admin/users/[id]/roles', permission: 'roles.grant', call: async () => {
    const id = await freshUser();
    await t.db.call('admin_grant_role', { ctx: rootCtx(), user_id: id, role: 'ops', airline: null });
    return { params: { id }, body: { role: 'ops' } };
  } },
  { method: 'POST', pattern: '/api/v1/admin/users/[id]/suspension', permission: 'users.suspend',
    call: async () => ({ params: { id: await freshUser() }, body: { reason: 'matrix suspension' } }) },
  { method: 'DELETE', pattern: '/api/v1/admin/users/[id]/suspension', permission: 'users.suspend', call: async () => {
    const id = await freshUser();
    await t.db.call('admin_suspend_user', { ctx: rootCtx(), user_id: id });
    return { params: { id } };
  } },
  { method: 'GET', pattern: '/api/v1/admin/audit', permission: 'audit.read', call: async () => ({ params: {}, query: '?action=user.suspended&limit=3' }) },
  { method: 'GET', pattern: '/api/v1/admin/audit/verify', permission: 'audit.read', call: async () => ({ params: {} }) },
  { method: 'PUT', pattern: '/api/v1/admin/airlines/[iata]/payout-account', permission: 'payouts.manage',
    call: async () => ({ params: { iata: 'BA' }, body: { address: Keypair.random().publicKey() } }) },
  { method: 'DELETE', pattern: '/api/v1/admin/airlines/[iata]/payout-account', permission: 'payouts.manage', call: async () => ({ params: { iata: 'BA' } }) },
];

const ADMIN_API = path.join(process.cwd(), 'app/api/v1/admin');

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : []);
}
const patternOf = (file: string) => '/' + path.relative(process.cwd(), path.dirname(file)).split(path.sep).slice(1).join('/');

async function send(e: Endpoint, c: Call, viewer: Viewer | null): Promise<Response> {
  state.viewer = viewer;
  const url = e.pattern.replace(/\[(\w+)\]/g, (_, k: string) => c.params[k]) + (c.query ?? '');
  const req = new NextRequest(new URL(url, 'http://t.test'), {
    method: e.method,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.9, 10.0.0.1' },
    body: c.body === undefined ? undefined : JSON.stringify(c.body),
  });
  const mod = (await import(/* @vite-ignore */ path.join(process.cwd(), 'app', e.pattern, 'route.ts'))) as Record<string, Handler>;
  return mod[e.method](req, { params: Promise.resolve(c.params) });
}

const auditCount = async () => (await t.sql<{ n: number }>('select count(*)::int as n from traqora.audit_log'))[0].n;

describe('admin role matrix', () => {
  it('covers every method of every admin route file', () => {
    const declared = routeFiles(ADMIN_API).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => `${m[1]} ${patternOf(file)}`));
    expect(ENDPOINTS.map((e) => `${e.method} ${e.pattern}`).sort()).toEqual(declared.sort());
  });

  const callers: (Role | 'signed-out')[] = ['signed-out', ...ROLES];
  for (const e of ENDPOINTS) {
    describe(`${e.method} ${e.pattern} (${e.permission})`, () => {
      for (const caller of callers) {
        const allowed = caller !== 'signed-out' && (PERMISSIONS[e.permission] as readonly Role[]).includes(caller);
        const expected = caller === 'signed-out' ? 401 : allowed ? '2xx' : 403;
        it(`${caller} → ${expected}`, async () => {
          const viewer = caller === 'signed-out' ? null : await viewerFor(caller, `Matrix ${caller}`);
          const call = await e.call();
          const before = await auditCount();
          const res = await send(e, call, viewer);
          const audited = (await auditCount()) - before;
          if (expected === '2xx') {
            expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(200);
            expect(res.status).toBeLessThan(300);
            // every admin mutation writes exactly one audit row, naming the role acted in
            expect(audited).toBe(e.method === 'GET' ? 0 : 1);
            if (e.method !== 'GET') {
              const [row] = await t.sql<{ actor: string; actor_role: string; ip: string; request_id: string }>('select * from traqora.audit_log order by id desc limit 1');
              expect(row).toMatchObject({ actor: viewer!.id, actor_role: caller, ip: '198.51.100.9', request_id: res.headers.get('x-request-id') });
            }
          } else {
            expect(res.status).toBe(expected);
            expect(res.headers.get('content-type')).toBe('application/problem+json');
            if (expected === 403) expect(await res.json()).toMatchObject({ status: 403, permission: e.permission });
            expect(audited).toBe(0);
          }
        });
      }
    });
  }
});
