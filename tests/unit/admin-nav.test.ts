import { describe, expect, it } from 'vitest';
import { ADMIN_NAV_ITEMS, adminNavFor, isAdminActive } from '@/components/admin/nav-items';
import { navFor } from '@/components/shell/nav-items';
import { CONSOLE_ROLES, consolePermissions, PERMISSION_NAMES } from '@/lib/admin/permissions';
import type { RoleGrant, Viewer } from '@/lib/auth/types';

const viewer = (...roles: RoleGrant[]): Viewer => ({ id: 'u1', name: 'V', email: null, roles, wallets: [], source: 'dev' });
const staff = (role: RoleGrant['role']) => viewer({ role: 'traveller', airline: null }, { role, airline: null });
const consoleLink = (v: Viewer | null) => navFor(v).flatMap((g) => g.items).some((i) => i.href === '/admin');

describe('console navigation', () => {
  it('lists only what the viewer’s roles may open, in one order', () => {
    expect(consolePermissions(staff('admin'))).toEqual(PERMISSION_NAMES);
    expect(adminNavFor(consolePermissions(staff('admin')))).toEqual(ADMIN_NAV_ITEMS);
    const support = consolePermissions(staff('support'));
    expect(support).toContain('bookings.read');
    expect(support).not.toContain('analytics.read');
    expect(adminNavFor(support).every((i) => support.includes(i.permission))).toBe(true);
    expect(adminNavFor(support).map((i) => i.href)).not.toContain('/admin');
  });

  it('opens the console to staff roles only: not travellers, not an airline-scoped operator', () => {
    expect(consolePermissions(staff('traveller'))).toEqual([]);
    expect(consolePermissions(viewer({ role: 'operator', airline: 'BA' }))).toEqual([]);
    expect(CONSOLE_ROLES).not.toContain('operator');
    expect(CONSOLE_ROLES).not.toContain('traveller');
    for (const role of CONSOLE_ROLES) expect(consolePermissions(staff(role)).length).toBeGreaterThan(0);
  });

  it('shows the site-wide Console entry exactly to console roles', () => {
    expect(consoleLink(null)).toBe(false);
    expect(consoleLink(staff('traveller'))).toBe(false);
    expect(consoleLink(viewer({ role: 'operator', airline: 'BA' }))).toBe(false);
    expect(consoleLink(staff('finance'))).toBe(true);
    expect(consoleLink(staff('support'))).toBe(true);
  });

  it('marks /admin active only on itself, sections on their sub-pages', () => {
    expect(isAdminActive('/admin', '/admin')).toBe(true);
    expect(isAdminActive('/admin', '/admin/bookings')).toBe(false);
    expect(isAdminActive('/admin/bookings', '/admin/bookings/ABC123')).toBe(true);
    expect(isAdminActive('/admin/bookings', '/admin/bookingsx')).toBe(false);
  });
});
