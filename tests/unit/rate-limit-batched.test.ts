import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchedCount } from '@/lib/rate-limit/batched';

// Counting in batches per instance (lib/rate-limit/batched.ts): far fewer trips to the shared
// store, the same answers near the limit. A memory limiter stands for the database's store here
// (tests/db/rate-limit.test.ts runs RateLimits on PostgreSQL); what matters is what reaches it.

/** The shared store, with how many trips (consume calls) and points reached it. */
function sharedStore(points: number, duration = 60) {
  const store = new RateLimiterMemory({ points, duration, keyPrefix: 'batched' });
  const trips = { consume: 0, points: 0 };
  const consume = store.consume.bind(store);
  store.consume = (key, p = 1, opts) => { trips.consume++; trips.points += Number(p); return consume(key, p, opts); };
  return { store, trips };
}

const outcome = (p: Promise<RateLimiterRes>) => p.then(() => true, () => false);

afterEach(() => { vi.useRealTimers(); });

describe('BatchedCount', () => {
  it('lets exactly the quota through on one instance, counting the first half in batches', async () => {
    const { store, trips } = sharedStore(100);
    const count = new BatchedCount(store, 100);
    const passed: boolean[] = [];
    for (let i = 0; i < 130; i++) passed.push(await outcome(count.consume('ip:a')));
    expect(passed.filter(Boolean)).toHaveLength(100);
    expect(passed.slice(0, 100).every(Boolean)).toBe(true);
    // The store counted every request made before the limit, and a few more after it.
    expect((await store.get('ip:a'))!.consumedPoints).toBeGreaterThanOrEqual(101);
    // Half the quota in batches of at most 16 (4 trips), the second half one by one (50), and
    // the refusals after the block starts never reach it... except through the limiter's own count.
    expect(trips.consume).toBeLessThan(100);
  });

  it('costs a fast caller well inside the limit one store trip per 16 requests', async () => {
    const { store, trips } = sharedStore(1_000_000);
    const count = new BatchedCount(store, 1_000_000);
    for (let i = 0; i < 320; i++) await count.consume('ip:fast');
    expect(trips.consume).toBeLessThanOrEqual(21);
    // Nothing lost: what is still waiting goes with the next trip.
    const res = await count.consume('ip:fast');
    expect(res.consumedPoints).toBeGreaterThanOrEqual(320 - 16);
    expect(trips.points + 16).toBeGreaterThanOrEqual(321);
  });

  it('reports where the caller stands from memory between trips (remaining, reset)', async () => {
    const { store } = sharedStore(1000);
    const count = new BatchedCount(store, 1000);
    const first = await count.consume('ip:b');
    const second = await count.consume('ip:b');
    expect(first.consumedPoints).toBe(1);
    expect(second.consumedPoints).toBe(2);
    expect(second.remainingPoints).toBe(998);
    expect(second.msBeforeNext).toBeGreaterThan(59_000);
  });

  it('sends every request to the store when the quota is small, so a tight limit stays exact', async () => {
    const { store, trips } = sharedStore(2);
    const count = new BatchedCount(store, 2);
    expect(await outcome(count.consume('user:x'))).toBe(true);
    expect(await outcome(count.consume('user:x'))).toBe(true);
    const refused = await count.consume('user:x').catch((r: unknown) => r);
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect((refused as RateLimiterRes).consumedPoints).toBe(3);   // quota + 1: the offence
    expect(trips.consume).toBe(3);
  });

  it('goes to the store again once its view is stale or the window ended', async () => {
    let now = 1_000_000;
    const { store, trips } = sharedStore(1000);
    const count = new BatchedCount(store, 1000, () => now);
    await count.consume('ip:c');
    await count.consume('ip:c');
    expect(trips.consume).toBe(1);
    now += 1_000;
    await count.consume('ip:c');
    expect(trips.consume).toBe(2);
    expect(trips.points).toBe(3);   // the waiting request went with it
  });

  it('names the carrying request as the offence when another instance took the count past the quota meanwhile', async () => {
    const { store } = sharedStore(40);
    const here = new BatchedCount(store, 40);
    for (let i = 0; i < 17; i++) await here.consume('ip:d');   // 1 at the store, 16 waiting here
    expect((await store.get('ip:d'))!.consumedPoints).toBe(1);
    await store.consume('ip:d', 30);   // another instance's requests reached the store: 31
    const refused = await here.consume('ip:d').catch((r: unknown) => r);   // carries 17: 48
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect((refused as RateLimiterRes).consumedPoints).toBe(41);
    expect((await store.get('ip:d'))!.consumedPoints).toBe(48);
  });

  it('carries the last requests of a caller who stopped to the store', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { store } = sharedStore(1000);
    const count = new BatchedCount(store, 1000);
    for (let i = 0; i < 5; i++) await count.consume('ip:e');
    expect((await store.get('ip:e'))!.consumedPoints).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await store.get('ip:e'))!.consumedPoints).toBe(5);
  });
});
