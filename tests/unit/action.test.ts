import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/types';

// validatedAction goes through the same guard as handler(): the same 401/403, the same
// validation, field names as the form names them.
const viewer = vi.hoisted(() => ({ current: null as Viewer | null, suspended: false }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => viewer.current, isAccountSuspended: async () => viewer.suspended ?? false }));

const { validatedAction } = await import('@/lib/http/action');

const traveller: Viewer = { id: 'u1', name: 'Ada', email: null, roles: [{ role: 'traveller', airline: null }], wallets: [], source: 'clerk' };
const admin: Viewer = { ...traveller, id: 'u2', roles: [{ role: 'admin', airline: null }] };

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe('validatedAction()', () => {
  const schema = z.object({ iata: z.string().regex(/^[A-Z0-9]{2}$/, 'must be a 2-character airline code'), seats: z.coerce.number().int().min(1) });
  const setSeats = validatedAction({ name: 'test.seats', auth: 'admin', schema }, async (input, who) => ({ ...input, by: who.id }));

  beforeEach(() => { viewer.current = null; });

  it('refuses a caller who is not signed in with 401, before looking at the input', async () => {
    const result = await setSeats(null, form({ iata: 'x' }));
    expect(result).toEqual({ ok: false, problem: expect.objectContaining({ status: 401, title: 'Unauthorized' }) });
  });

  it('refuses a signed-in caller without the role with 403', async () => {
    viewer.current = traveller;
    const result = await setSeats(null, form({ iata: 'BA', seats: '2' }));
    expect(result).toEqual({ ok: false, problem: expect.objectContaining({ status: 403, detail: 'This needs the admin role.' }) });
  });

  it('answers bad input with a 400 naming each field as the form names it', async () => {
    viewer.current = admin;
    const result = await setSeats(null, form({ iata: 'british', seats: '0' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.status).toBe(400);
    expect(result.problem.errors).toEqual([
      { field: 'iata', message: 'must be a 2-character airline code' },
      { field: 'seats', message: expect.any(String) },
    ]);
  });

  it('runs the action with the parsed input and the viewer, from a form or an object', async () => {
    viewer.current = admin;
    expect(await setSeats(null, form({ iata: 'BA', seats: '3' }))).toEqual({ ok: true, data: { iata: 'BA', seats: 3, by: 'u2' } });
    expect(await setSeats(null, { iata: 'LH', seats: 1 })).toEqual({ ok: true, data: { iata: 'LH', seats: 1, by: 'u2' } });
  });

  it('passes no viewer to a public action and never looks one up', async () => {
    const echo = validatedAction({ name: 'test.echo', auth: 'public', schema: z.object({ q: z.string() }) }, async (input, who) => ({ input, who }));
    viewer.current = admin;
    expect(await echo(null, { q: 'x' })).toEqual({ ok: true, data: { input: { q: 'x' }, who: null } });
  });

  it('turns an unexpected failure into a bare 500 that does not leak it', async () => {
    viewer.current = traveller;
    const boom = validatedAction({ name: 'test.boom', auth: 'signed-in', schema: z.object({}) }, async () => { throw new Error('secret internals'); });
    const result = await boom(null, {});
    expect(result).toEqual({ ok: false, problem: expect.objectContaining({ status: 500 }) });
    expect(JSON.stringify(result)).not.toContain('secret internals');
  });
});
