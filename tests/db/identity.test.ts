import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveViewer } from '@/lib/auth/resolve';
import type { Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 1 }); });
afterAll(async () => { await t?.close(); });

type Row = Omit<Viewer, 'source'>;

describe('dev personas', () => {
  it('creates a persona once and reuses it by role and name', async () => {
    const a = await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name: 'Ada Traveller' });
    const b = await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name: 'ada traveller' });
    expect(b.id).toBe(a.id);
    expect(a.roles).toEqual([{ role: 'traveller', airline: null }]);
  });

  it('gives an operator their airline and an admin the admin role (both also travel)', async () => {
    const op = await t.db.call<Row>('upsert_dev_persona', { role: 'operator', name: 'Otto', airline: 'ba' });
    expect(op.roles).toEqual([{ role: 'operator', airline: 'BA' }, { role: 'traveller', airline: null }]);
    const admin = await t.db.call<Row>('upsert_dev_persona', { role: 'admin', name: 'Ana' });
    expect(admin.roles.map((r) => r.role)).toEqual(['admin', 'traveller']);
  });

  it('refuses bad input with a problem naming the field, writing nothing', async () => {
    const [{ before }] = await t.sql<{ before: number }>('select count(*)::int as before from traqora.users');
    await expect(t.db.call('upsert_dev_persona', { role: 'pilot', name: 'X' })).rejects.toMatchObject({ status: 400, field: 'role' });
    await expect(t.db.call('upsert_dev_persona', { role: 'traveller', name: ' ' })).rejects.toMatchObject({ status: 400, field: 'name' });
    await expect(t.db.call('upsert_dev_persona', { role: 'operator', name: 'Z', airline: '0Z' })).rejects.toMatchObject({ status: 400, field: 'airline' });
    const [{ after }] = await t.sql<{ after: number }>('select count(*)::int as after from traqora.users');
    expect(after).toBe(before);
  });
});

describe('Clerk users', () => {
  it('provisions a traveller on first sight and returns the same user after', async () => {
    const a = await t.db.call<Row>('ensure_clerk_user', { clerk_user_id: 'user_2abc', name: 'Grace', email: 'grace@example.com', admin: false });
    const b = await t.db.call<Row>('ensure_clerk_user', { clerk_user_id: 'user_2abc', name: 'Grace', email: null, admin: false });
    expect(b).toEqual(a);
    expect(a).toMatchObject({ name: 'Grace', email: 'grace@example.com', roles: [{ role: 'traveller', airline: null }] });
  });

  it('grants admin to a bootstrap-listed user', async () => {
    const a = await t.db.call<Row>('ensure_clerk_user', { clerk_user_id: 'user_root', name: 'Root', admin: true });
    expect(a.roles.map((r) => r.role)).toEqual(['admin', 'traveller']);
  });

  it('refuses a malformed Clerk id', async () => {
    await expect(t.db.call('ensure_clerk_user', { clerk_user_id: "x'; drop table", name: 'X', admin: false }))
      .rejects.toMatchObject({ status: 400, field: 'clerk_user_id' });
  });
});

describe('resolveViewer', () => {
  it('recognises a dev session only where dev personas are allowed', async () => {
    const row = await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name: 'Ada Traveller' });
    const session = { userId: row.id, source: 'dev' as const, version: 1 };
    expect(await resolveViewer(t.db, { session }, { devPersonas: true })).toMatchObject({ id: row.id, source: 'dev' });
    expect(await resolveViewer(t.db, { session }, { devPersonas: false })).toBeNull();
  });

  it('recognises a wallet session whatever the persona policy', async () => {
    const row = await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name: 'Wally' });
    expect(await resolveViewer(t.db, { session: { userId: row.id, source: 'wallet', version: 1 } }, { devPersonas: false }))
      .toMatchObject({ id: row.id, source: 'wallet' });
  });

  it('maps a Clerk user to a viewer with source clerk', async () => {
    const v = await resolveViewer(t.db, { clerk: { userId: 'user_viewer', name: 'Vera', admin: false } }, { devPersonas: false });
    expect(v).toMatchObject({ name: 'Vera', source: 'clerk', roles: [{ role: 'traveller', airline: null }] });
  });

  it('returns null for nobody, or for a session whose user no longer exists', async () => {
    expect(await resolveViewer(t.db, {}, { devPersonas: true })).toBeNull();
    expect(await resolveViewer(t.db, { session: { userId: '00000000-0000-4000-8000-000000000000', source: 'dev', version: 1 } }, { devPersonas: true })).toBeNull();
  });

  it('treats a malformed user id in a session as a bad request, not a crash', async () => {
    await expect(t.db.call('get_viewer', { user_id: 'not-a-uuid' })).rejects.toMatchObject({ status: 400 });
    await expect(t.db.call('session_viewer', { user_id: 'not-a-uuid', session_version: 1 })).rejects.toMatchObject({ status: 400 });
  });
});

describe('sign out everywhere', () => {
  const session = (userId: string, version: number) => ({ session: { userId, source: 'wallet' as const, version } });

  it('ends every session issued before, and sessions issued after work', async () => {
    const row = await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name: 'Revoker' });
    const before = await t.db.call<number>('session_version', { user_id: row.id });
    expect(await resolveViewer(t.db, session(row.id, before), { devPersonas: false })).toMatchObject({ id: row.id });
    const after = await t.db.call<number>('revoke_sessions', { user_id: row.id });
    expect(after).toBe(before + 1);
    expect(await t.db.call<number>('session_version', { user_id: row.id })).toBe(after);
    expect(await resolveViewer(t.db, session(row.id, before), { devPersonas: false })).toBeNull();
    expect(await resolveViewer(t.db, session(row.id, after), { devPersonas: false })).toMatchObject({ id: row.id });
    // Nobody else's sessions are touched.
    const other = await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name: 'Bystander' });
    expect(await t.db.call<number>('session_version', { user_id: other.id })).toBe(1);
  });

  it('records the revocation as a domain event', async () => {
    const row = await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name: 'Evented' });
    const version = await t.db.call<number>('revoke_sessions', { user_id: row.id });
    const rows = await t.sql<{ payload: { user_id: string; session_version: number } }>(
      `select payload from traqora.domain_events where type = 'user.sessions_revoked' and aggregate_id = $1`, [row.id]);
    expect(rows.map((r) => r.payload)).toEqual([{ user_id: row.id, session_version: version }]);
  });

  it('refuses an unknown user with a 404 naming it', async () => {
    await expect(t.db.call('revoke_sessions', { user_id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ status: 404, field: 'user_id' });
  });

  it('a suspension ends every session by the same bump, and reinstatement does not revive them', async () => {
    const row = await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name: 'Suspendee' });
    const v1 = await t.db.call<number>('session_version', { user_id: row.id });
    await t.sql(`update traqora.users set suspended_at = now(), suspension_reason = 'test' where id = $1`, [row.id]);
    expect(await t.db.call('session_version', { user_id: row.id })).toBeNull();
    await t.sql(`update traqora.users set suspended_at = null, suspension_reason = null where id = $1`, [row.id]);
    expect(await resolveViewer(t.db, session(row.id, v1), { devPersonas: false })).toBeNull();
    const v2 = await t.db.call<number>('session_version', { user_id: row.id });
    expect(v2).toBe(v1 + 1);
    expect(await resolveViewer(t.db, session(row.id, v2), { devPersonas: false })).toMatchObject({ id: row.id });
  });
});
