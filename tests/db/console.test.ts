import { Keypair } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditContext } from '@/lib/admin/audit-context';
import type { Role, Viewer } from '@/lib/auth/types';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The console's database side: audited role grants and suspensions, what a suspension refuses,
// the SEP-10 admin bootstrap, and the audit hash chain (tamper detection, linear under load).

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 12 }); });
afterAll(async () => { await t?.close(); });

type Row = Omit<Viewer, 'source'>;
type AdminUser = Row & { status: string; suspension_reason: string | null };

const persona = (role: Role, name: string) => t.db.call<Row>('upsert_dev_persona', { role, name });
const ctx = (actor: Row, role: Role, extra: Partial<AuditContext> = {}): AuditContext =>
  ({ actor: actor.id, role, reason: null, ip: '203.0.113.7', request_id: `req-${Math.random().toString(36).slice(2)}`, ...extra });
const verify = () => t.db.call<{ ok: boolean; checked: number; first_broken_id: number | null }>('verify_audit_chain', {});
const auditRows = (resource: string) => t.sql<{ id: number; action: string; actor_role: string; before: unknown; after: unknown; reason: string | null; ip: string; request_id: string }>(
  'select * from traqora.audit_log where resource_id = $1 order by id', [resource]);
const events = (type: string, aggregate: string) => t.sql<{ payload: Record<string, unknown> }>(
  'select payload from traqora.domain_events where type = $1 and aggregate_id = $2 order by id', [type, aggregate]);

let admin: Row;
beforeAll(async () => { admin = await persona('admin', 'Audit Admin'); });

describe('role grants', () => {
  it('grants and revokes a role with one audit row and one event each', async () => {
    const u = await persona('traveller', 'Role Target');
    const c = ctx(admin, 'admin', { reason: 'joins finance' });
    const granted = await t.db.call<AdminUser>('admin_grant_role', { ctx: c, user_id: u.id, role: 'finance', airline: null });
    expect(granted.roles.map((r) => r.role)).toEqual(['finance', 'traveller']);
    await t.db.call('admin_revoke_role', { ctx: ctx(admin, 'admin'), user_id: u.id, role: 'finance', airline: null });

    const rows = await auditRows(u.id);
    expect(rows.map((r) => r.action)).toEqual(['user.role_granted', 'user.role_revoked']);
    expect(rows[0]).toMatchObject({ actor_role: 'admin', reason: 'joins finance', ip: '203.0.113.7', request_id: c.request_id,
      before: { roles: [{ role: 'traveller', airline: null }] } });
    const grants = (await events('user.role_granted', u.id)).filter((e) => e.payload.source === 'admin');
    expect(grants.map((e) => e.payload)).toEqual([{ user_id: u.id, source: 'admin', role: 'finance', airline: null, by: admin.id }]);
    expect(await events('user.role_revoked', u.id)).toHaveLength(1);
  });

  it('scopes an operator grant to a known airline and refuses nonsense, writing nothing', async () => {
    const u = await persona('traveller', 'Op Target');
    const before = (await auditRows(u.id)).length;
    await expect(t.db.call('admin_grant_role', { ctx: ctx(admin, 'admin'), user_id: u.id, role: 'pilot', airline: null })).rejects.toMatchObject({ status: 400, field: 'role' });
    await expect(t.db.call('admin_grant_role', { ctx: ctx(admin, 'admin'), user_id: u.id, role: 'operator', airline: null })).rejects.toMatchObject({ status: 400, field: 'airline' });
    await expect(t.db.call('admin_grant_role', { ctx: ctx(admin, 'admin'), user_id: u.id, role: 'ops', airline: 'BA' })).rejects.toMatchObject({ status: 400, field: 'airline' });
    await expect(t.db.call('admin_grant_role', { ctx: ctx(admin, 'admin'), user_id: u.id, role: 'traveller', airline: null })).rejects.toMatchObject({ status: 409 });
    await expect(t.db.call('admin_revoke_role', { ctx: ctx(admin, 'admin'), user_id: u.id, role: 'ops', airline: null })).rejects.toMatchObject({ status: 404 });
    const op = await t.db.call<AdminUser>('admin_grant_role', { ctx: ctx(admin, 'admin'), user_id: u.id, role: 'operator', airline: 'ba' });
    expect(op.roles).toContainEqual({ role: 'operator', airline: 'BA' });
    expect((await auditRows(u.id)).length).toBe(before + 1);
  });

  it('records only true audit rows: the actor must hold the role it acts in', async () => {
    const support = await persona('support', 'Sue Support');
    const u = await persona('traveller', 'Victim');
    await expect(t.db.call('admin_grant_role', { ctx: ctx(support, 'admin'), user_id: u.id, role: 'admin', airline: null }))
      .rejects.toMatchObject({ status: 403, field: 'role' });
    expect((await t.db.call<Row>('get_viewer', { user_id: u.id })).roles.map((r) => r.role)).toEqual(['traveller']);
  });

  it('never revokes the last active admin', async () => {
    const admins = await t.sql<{ user_id: string }>("select user_id from traqora.user_roles where role = 'admin'");
    const keep = admins[0].user_id;
    for (const a of admins.slice(1)) {
      await t.db.call('admin_revoke_role', { ctx: ctx({ id: keep } as Row, 'admin'), user_id: a.user_id, role: 'admin', airline: null });
    }
    await expect(t.db.call('admin_revoke_role', { ctx: ctx({ id: keep } as Row, 'admin'), user_id: keep, role: 'admin', airline: null }))
      .rejects.toMatchObject({ status: 409, field: 'role' });
    for (const a of admins.slice(1)) {
      await t.db.call('admin_grant_role', { ctx: ctx({ id: keep } as Row, 'admin'), user_id: a.user_id, role: 'admin', airline: null });
    }
  });
});

describe('suspension', () => {
  it('refuses sign-in, booking and paying while suspended, keeps bookings, and reinstating restores all of it', async () => {
    const name = 'Suspended Sam';
    const sam = await traveller(t, name);
    const it = await nonstop(t);
    const held = (await book(t, sam, it)).booking;
    const unpaid = (await book(t, sam, it)).booking;
    const account = Keypair.random().publicKey();
    await t.db.call('record_web_auth_challenge', { nonce_hash: 'a'.repeat(64), account, expires_at: new Date(Date.now() + 6e4).toISOString() });
    await t.db.call('link_wallet', { user_id: sam, nonce_hash: 'a'.repeat(64), account });
    await t.db.call('ensure_clerk_user', { clerk_user_id: 'user_susp', name: 'Clerky', admin: false });
    const clerky = (await t.sql<{ id: string }>("select id from traqora.users where clerk_user_id = 'user_susp'"))[0].id;

    const support = await persona('support', 'Sid Support');
    await expect(t.db.call('admin_suspend_user', { ctx: ctx(support, 'support'), user_id: sam })).rejects.toMatchObject({ status: 400, field: 'reason' });
    const s = await t.db.call<AdminUser>('admin_suspend_user', { ctx: ctx(support, 'support', { reason: 'chargeback fraud' }), user_id: sam });
    expect(s).toMatchObject({ status: 'suspended', suspension_reason: 'chargeback fraud' });
    await t.db.call('admin_suspend_user', { ctx: ctx(support, 'support', { reason: 'abuse' }), user_id: clerky });
    await expect(t.db.call('admin_suspend_user', { ctx: ctx(support, 'support', { reason: 'again' }), user_id: sam })).rejects.toMatchObject({ status: 409 });

    // sign-in: dev persona, wallet (SEP-10), Clerk; an existing session stops resolving
    await expect(t.db.call('upsert_dev_persona', { role: 'traveller', name })).rejects.toMatchObject({ status: 403 });
    await t.db.call('record_web_auth_challenge', { nonce_hash: 'b'.repeat(64), account, expires_at: new Date(Date.now() + 6e4).toISOString() });
    await expect(t.db.call('redeem_web_auth_challenge', { nonce_hash: 'b'.repeat(64), account })).rejects.toMatchObject({ status: 403 });
    await expect(t.db.call('ensure_clerk_user', { clerk_user_id: 'user_susp', name: 'Clerky', admin: false })).rejects.toMatchObject({ status: 403 });
    expect(await t.db.call('get_viewer', { user_id: sam })).toBeNull();
    // booking, paying (ledger), getting on-chain payment terms
    await expect(book(t, sam, it)).rejects.toMatchObject({ status: 403 });
    await expect(t.db.call('pay_booking', { user_id: sam, pnr: held.pnr, demo_funding_minor: 10_000_000 })).rejects.toMatchObject({ status: 403 });
    await expect(t.db.call('chain_payment_terms', { user_id: sam, pnr: held.pnr, for_payment: true })).rejects.toMatchObject({ status: 403 });
    // bookings intact
    expect((await t.db.call<{ status: string }>('get_booking', { user_id: sam, pnr: held.pnr })).status).toBe('held');
    expect((await t.db.call<{ data: unknown[] }>('list_bookings', { user_id: sam })).data.length).toBe(2);

    await t.db.call('admin_reinstate_user', { ctx: ctx(support, 'support'), user_id: sam });
    expect(await t.db.call<Row>('get_viewer', { user_id: sam })).toMatchObject({ id: sam });
    expect((await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name })).id).toBe(sam);
    await t.db.call('record_web_auth_challenge', { nonce_hash: 'c'.repeat(64), account, expires_at: new Date(Date.now() + 6e4).toISOString() });
    expect((await t.db.call<Row>('redeem_web_auth_challenge', { nonce_hash: 'c'.repeat(64), account })).id).toBe(sam);
    const paid = await t.db.call<{ booking: { status: string } }>('pay_booking', { user_id: sam, pnr: unpaid.pnr, demo_funding_minor: 10_000_000 });
    expect(paid.booking.status).toBe('paid');
    expect((await auditRows(sam)).map((r) => r.action)).toEqual(['user.suspended', 'user.reinstated']);
    expect((await events('user.suspended', sam))[0].payload).toMatchObject({ reason: 'chargeback fraud' });
  });

  it('refuses suspending yourself', async () => {
    const support = await persona('support', 'Self Suspender');
    await expect(t.db.call('admin_suspend_user', { ctx: ctx(support, 'support', { reason: 'oops' }), user_id: support.id })).rejects.toMatchObject({ status: 409 });
  });
});

describe('ADMIN_WALLET_ADDRESSES bootstrap', () => {
  it('grants admin to a bootstrap wallet on sign-in (new or existing user), once', async () => {
    const fresh = Keypair.random().publicKey();
    await t.db.call('record_web_auth_challenge', { nonce_hash: 'd'.repeat(64), account: fresh, expires_at: new Date(Date.now() + 6e4).toISOString() });
    const row = await t.db.call<Row>('redeem_web_auth_challenge', { nonce_hash: 'd'.repeat(64), account: fresh, admin: true });
    expect(row.roles.map((r) => r.role)).toEqual(['admin', 'traveller']);
    expect((await events('user.role_granted', row.id)).map((e) => e.payload.role).sort()).toEqual(['admin', 'traveller']);
    await t.db.call('record_web_auth_challenge', { nonce_hash: 'e'.repeat(64), account: fresh, expires_at: new Date(Date.now() + 6e4).toISOString() });
    await t.db.call('redeem_web_auth_challenge', { nonce_hash: 'e'.repeat(64), account: fresh, admin: true });
    expect(await events('user.role_granted', row.id)).toHaveLength(2);

    const plain = Keypair.random().publicKey();
    await t.db.call('record_web_auth_challenge', { nonce_hash: 'f'.repeat(64), account: plain, expires_at: new Date(Date.now() + 6e4).toISOString() });
    expect((await t.db.call<Row>('redeem_web_auth_challenge', { nonce_hash: 'f'.repeat(64), account: plain })).roles.map((r) => r.role)).toEqual(['traveller']);
  });
});

describe('audit chain', () => {
  it('refuses update, delete and truncate', async () => {
    expect((await verify()).checked).toBeGreaterThan(0);
    await expect(t.sql("update traqora.audit_log set reason = 'x' where id = (select min(id) from traqora.audit_log)")).rejects.toThrow(/append-only/);
    await expect(t.sql('delete from traqora.audit_log')).rejects.toThrow(/append-only/);
    await expect(t.sql('truncate traqora.audit_log')).rejects.toThrow(/append-only/);
  });

  it('stays linear under concurrent admin actions', async () => {
    const before = await verify();
    expect(before.ok).toBe(true);
    const targets = await Promise.all(Array.from({ length: 16 }, (_, i) => persona('traveller', `Concurrent ${i}`)));
    await Promise.all(targets.flatMap((u, i) => [
      t.db.call('admin_grant_role', { ctx: ctx(admin, 'admin'), user_id: u.id, role: i % 2 ? 'ops' : 'support', airline: null }),
      t.db.call('admin_suspend_user', { ctx: ctx(admin, 'admin', { reason: 'load test' }), user_id: u.id }),
    ]));
    const after = await verify();
    expect(after).toEqual({ ok: true, checked: before.checked + 32, first_broken_id: null });
    const links = await t.sql<{ broken: number; n: number }>(
      `select count(*) filter (where prev_hash <> lag) ::int as broken, count(*)::int as n
         from (select prev_hash, lag(hash, 1, repeat('0', 64)) over (order by id) as lag from traqora.audit_log) c`);
    expect(links[0]).toEqual({ broken: 0, n: after.checked });
  });

  it('names the first row edited behind the trigger, and a removed tail', async () => {
    expect((await verify()).ok).toBe(true);
    const [{ id }] = await t.sql<{ id: number }>('select id from traqora.audit_log order by id limit 1 offset 2');
    const tamper = async (statement: string) => {
      // As a superuser, with triggers off for this session (what an attacker with DB access could do).
      await t.sql(`do $$ begin set local session_replication_role = replica; ${statement}; end $$`);
    };
    await tamper(`update traqora.audit_log set reason = 'nothing to see' where id = ${id}`);
    expect(await verify()).toMatchObject({ ok: false, first_broken_id: Number(id) });
    // A forger who also rewrites that row's hash breaks the link to the next row instead.
    await tamper(`update traqora.audit_log set hash = traqora.audit_hash(prev_hash, audit_log) where id = ${id}`);
    const [{ next }] = await t.sql<{ next: number }>('select min(id)::int as next from traqora.audit_log where id > $1', [id]);
    expect(await verify()).toMatchObject({ ok: false, first_broken_id: next });
  });
});
