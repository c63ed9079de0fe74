import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/types';

// permittedAction: server actions get the same 401 / 403-naming-the-permission answers as the
// admin routes, and the audit context of the request.

const state = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '192.0.2.4', 'x-request-id': 'action-req-0001' }) }));

const viewer = (role: Viewer['roles'][number]['role']): Viewer => ({ id: 'u-1', name: 'V', email: null, roles: [{ role, airline: null }], wallets: [], source: 'dev' });

describe('permittedAction', () => {
  beforeEach(() => { state.viewer = null; });

  it('answers 401, then 403 naming the permission, then runs with the audit context', async () => {
    const { permittedAction } = await import('@/lib/admin/action');
    const run = vi.fn(async (input: { reason: string }, acting) => acting.audit(input.reason));
    const action = permittedAction({ name: 't.suspend', permission: 'users.suspend', schema: z.object({ reason: z.string().min(3) }) }, run);

    expect(await action(null, { reason: 'abuse' })).toMatchObject({ ok: false, problem: { status: 401 } });
    state.viewer = viewer('finance');
    expect(await action(null, { reason: 'abuse' })).toMatchObject({ ok: false, problem: { status: 403, permission: 'users.suspend' } });
    expect(run).not.toHaveBeenCalled();
    state.viewer = viewer('support');
    expect(await action(null, { reason: 'abuse' })).toEqual({ ok: true,
      data: { actor: 'u-1', role: 'support', reason: 'abuse', ip: '192.0.2.4', request_id: 'action-req-0001' } });
  });
});
