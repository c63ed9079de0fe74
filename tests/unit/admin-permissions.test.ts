import { Keypair } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { auditContext, clientIp } from '@/lib/admin/audit-context';
import { clientAddress } from '@/lib/http/client-address';
import { decodeCursor, encodeCursor } from '@/lib/admin/cursor';
import { can, PERMISSION_NAMES, PERMISSIONS, requirePermission } from '@/lib/admin/permissions';
import { bootstrapAdminWallets } from '@/lib/auth/bootstrap';
import { ROLES, type RoleGrant, type Viewer } from '@/lib/auth/types';
import { parseEnv } from '@/lib/config/env';
import { isHttpProblem } from '@/lib/http/problem';
import { z } from 'zod';

const viewer = (...roles: RoleGrant[]): Viewer => ({ id: 'u1', name: 'V', email: null, roles, wallets: [], source: 'dev' });
const thrown = (fn: () => unknown) => { try { fn(); } catch (err) { return err; } throw new Error('did not throw'); };

describe('the permission table', () => {
  it('names only known roles and gives admin everything', () => {
    for (const perm of PERMISSION_NAMES) {
      expect(PERMISSIONS[perm].every((r) => (ROLES as readonly string[]).includes(r))).toBe(true);
      expect(can(viewer({ role: 'admin', airline: null }), perm)).toBe(true);
    }
  });

  it('answers 401 for nobody and 403 naming the permission for the wrong role', () => {
    expect(thrown(() => requirePermission(null, 'users.read'))).toMatchObject({ status: 401 });
    const err = thrown(() => requirePermission(viewer({ role: 'finance', airline: null }), 'roles.grant'));
    expect(isHttpProblem(err) && err.status === 403 && err.extensions.permission).toBe('roles.grant');
    expect(requirePermission(viewer({ role: 'traveller', airline: null }, { role: 'support', airline: null }), 'users.suspend').role).toBe('support');
  });

  it('counts an operator grant only for its own airline', () => {
    const op = viewer({ role: 'operator', airline: 'BA' });
    expect(can(op, 'flights.manage')).toBe(false);
    expect(can(op, 'flights.manage', { airline: 'ba' })).toBe(true);
    expect(can(op, 'flights.manage', { airline: 'DL' })).toBe(false);
    expect(can(viewer({ role: 'ops', airline: null }), 'flights.manage', { airline: 'DL' })).toBe(true);
  });
});

describe('audit context', () => {
  it('records the address the rate limiter counts (the trusted proxy\'s entry, not the first, forgeable one) and ignores junk', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.5' }))).toBe('203.0.113.5');
    expect(clientIp(new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.5' }))).toBe(clientAddress(new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.5' })));
    expect(clientIp(new Headers({ 'x-real-ip': '2001:db8::1' }))).toBe('2001:db8::1');
    expect(clientIp(new Headers({ 'x-forwarded-for': '<script>' }))).toBeNull();
    expect(auditContext({ viewer: { id: 'u1' }, role: 'support' }, { headers: new Headers() }, 'req-12345678', '  why ')).toEqual(
      { actor: 'u1', role: 'support', reason: 'why', ip: null, request_id: 'req-12345678' });
  });
});

describe('cursors', () => {
  it('round-trips and refuses a tampered cursor with a 400 naming query.cursor', () => {
    const schema = z.object({ before_id: z.number().int() });
    expect(decodeCursor(encodeCursor({ before_id: 42 })!, schema)).toEqual({ before_id: 42 });
    expect(thrown(() => decodeCursor('not-a-cursor', schema))).toMatchObject({ status: 400, errors: [{ field: 'query.cursor' }] });
  });
});

describe('ADMIN_WALLET_ADDRESSES', () => {
  it('accepts comma-separated Stellar accounts and refuses anything else at start-up', () => {
    const a = Keypair.random().publicKey();
    const b = Keypair.random().publicKey();
    const env = parseEnv({ ADMIN_WALLET_ADDRESSES: ` ${a}, ${b} ` });
    expect(bootstrapAdminWallets(env)).toEqual([a, b]);
    expect(bootstrapAdminWallets(parseEnv({}))).toEqual([]);
    expect(() => parseEnv({ ADMIN_WALLET_ADDRESSES: `${a},SBAD` })).toThrow(/ADMIN_WALLET_ADDRESSES/);
  });
});
