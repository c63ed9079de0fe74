import { beforeEach, describe, expect, it, vi } from 'vitest';

// clerkProof() asks Clerk's auth() once per request however many callers ask (the rate limit and
// the viewer both do), and never hands one request's answer to another.

const state = vi.hoisted(() => ({ request: {} as object, calls: 0, userId: 'user_a' as string | null }));
vi.mock('next/headers', () => ({ headers: async () => state.request }));
vi.mock('@clerk/nextjs/server', () => ({
  auth: async () => {
    state.calls++;
    return { userId: state.userId, sessionClaims: { name: 'Ada', email: 'ada@example.com' } };
  },
}));
vi.mock('@/lib/config', () => ({ config: () => ({ env: { ADMIN_CLERK_USER_IDS: 'user_admin' }, mode: { clerk: true } }) }));

const { clerkProof } = await import('@/lib/auth/clerk');

beforeEach(() => {
  state.request = {};
  state.calls = 0;
  state.userId = 'user_a';
});

describe('clerkProof', () => {
  it('asks Clerk once per request, however often it is asked', async () => {
    const [a, b] = await Promise.all([clerkProof(), clerkProof()]);
    expect(await clerkProof()).toEqual(a);
    expect(b).toEqual({ userId: 'user_a', name: 'Ada', email: 'ada@example.com', admin: false });
    expect(state.calls).toBe(1);
  });

  it('asks again for another request, and answers for that request only', async () => {
    expect((await clerkProof())?.userId).toBe('user_a');
    state.request = {};
    state.userId = 'user_admin';
    expect(await clerkProof()).toMatchObject({ userId: 'user_admin', admin: true });
    state.request = {};
    state.userId = null;
    expect(await clerkProof()).toBeUndefined();
    expect(state.calls).toBe(3);
  });
});
