import { describe, expect, it } from 'vitest';
import { AnswerCache } from '@/lib/flights/search-cache';

// The search answer cache: one database call per key per TTL, shared by concurrent requests,
// never keeping a failure, bounded in size.

describe('AnswerCache', () => {
  it('answers from the store within the TTL and asks again after it', async () => {
    let now = 1_000;
    let calls = 0;
    const cache = new AnswerCache<number>(5_000, { maxEntries: 100, now: () => now });
    const load = async () => ++calls;
    expect(await cache.get('JFK-LHR', load)).toBe(1);
    now += 4_999;
    expect(await cache.get('JFK-LHR', load)).toBe(1);
    expect(await cache.get('BOS-LHR', load)).toBe(2);
    now += 1;
    expect(await cache.get('JFK-LHR', load)).toBe(3);
  });

  it('lets concurrent requests for one key share a single load', async () => {
    let calls = 0;
    let release!: (v: string) => void;
    const cache = new AnswerCache<string>(5_000);
    const load = () => { calls++; return new Promise<string>((r) => { release = r; }); };
    const answers = Promise.all(Array.from({ length: 50 }, () => cache.get('k', load)));
    release('itineraries');
    expect(new Set(await answers)).toEqual(new Set(['itineraries']));
    expect(calls).toBe(1);
  });

  it('does not keep a failure, and with a TTL of 0 never stores', async () => {
    const cache = new AnswerCache<number>(5_000);
    await expect(cache.get('k', async () => { throw new Error('db down'); })).rejects.toThrow('db down');
    expect(await cache.get('k', async () => 7)).toBe(7);
    let calls = 0;
    const off = new AnswerCache<number>(0);
    await off.get('k', async () => ++calls);
    await off.get('k', async () => ++calls);
    expect(calls).toBe(2);
  });

  it('stays within its size, dropping the oldest first', async () => {
    const cache = new AnswerCache<number>(60_000, { maxEntries: 10 });
    for (let i = 0; i < 25; i++) await cache.get(`k${i}`, async () => i);
    const size = (cache as unknown as { entries: Map<string, unknown> }).entries.size;
    expect(size).toBeLessThanOrEqual(10);
    let reloaded = false;
    await cache.get('k0', async () => { reloaded = true; return 0; });
    expect(reloaded).toBe(true);
    expect(await cache.get('k24', async () => -1)).toBe(24);
  });

  it('ends an entry no later than what it was built from, and tells when', async () => {
    let now = 1_000;
    const cache = new AnswerCache<string>(5_000, { now: () => now });
    const first = cache.lookup('answer', async () => 'v1', () => 3_000);
    expect(first.expires).toBe(6_000);   // the TTL, until the value is known
    expect(await first.value).toBe('v1');
    expect(cache.lookup('answer', async () => 'v2').expires).toBe(3_000);
    now = 2_999;
    expect(await cache.get('answer', async () => 'v2')).toBe('v1');
    now = 3_000;
    expect(await cache.get('answer', async () => 'v3')).toBe('v3');
  });
});
