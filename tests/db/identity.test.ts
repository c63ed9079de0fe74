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
    const session = { userId: row.id, source: 'dev' as const };
    expect(await resolveViewer(t.db, { session }, { devPersonas: true })).toMatchObject({ id: row.id, source: 'dev' });
    expect(await resolveViewer(t.db, { session }, { devPersonas: false })).toBeNull();
  });

  it('recognises a wallet session whatever the persona policy', async () => {
    const row = await t.db.call<Row>('upsert_dev_persona', { role: 'traveller', name: 'Wally' });
    expect(await resolveViewer(t.db, { session: { userId: row.id, source: 'wallet' } }, { devPersonas: false }))
      .toMatchObject({ id: row.id, source: 'wallet' });
  });

  it('maps a Clerk user to a viewer with source clerk', async () => {
    const v = await resolveViewer(t.db, { clerk: { userId: 'user_viewer', name: 'Vera', admin: false } }, { devPersonas: false });
    expect(v).toMatchObject({ name: 'Vera', source: 'clerk', roles: [{ role: 'traveller', airline: null }] });
  });

  it('returns null for nobody, or for a session whose user no longer exists', async () => {
    expect(await resolveViewer(t.db, {}, { devPersonas: true })).toBeNull();
    expect(await resolveViewer(t.db, { session: { userId: '00000000-0000-4000-8000-000000000000', source: 'dev' } }, { devPersonas: true })).toBeNull();
  });

  it('treats a malformed user id in a session as a bad request, not a crash', async () => {
    await expect(t.db.call('get_viewer', { user_id: 'not-a-uuid' })).rejects.toMatchObject({ status: 400 });
  });
});
