import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { retryDelaySeconds, subscribeThrottle, throttleNotice } from '@/components/api/throttle';

// The browser client and 429s: it waits what Retry-After says (longer each time), shows that it
// is waiting, retries, and gives up with the server's sentence rather than hammering.

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('retryDelaySeconds', () => {
  it('waits what the server said, doubling per attempt, plus at most a second of jitter', () => {
    expect(retryDelaySeconds('3', 0, () => 0)).toBe(3);
    expect(retryDelaySeconds('3', 1, () => 0)).toBe(6);
    expect(retryDelaySeconds('3', 2, () => 0.999)).toBe(13);
    expect(retryDelaySeconds(null, 0, () => 0)).toBe(1);
    expect(retryDelaySeconds('soon', 0, () => 0)).toBe(1);
    expect(retryDelaySeconds('0', 0, () => 0)).toBe(1);
  });
});

describe('fetchJson and 429', () => {
  it('waits out a short 429, showing the notice, then answers', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn()
      .mockResolvedValueOnce(answer(429, { status: 429, detail: 'slow down' }, { 'retry-after': '2' }))
      .mockResolvedValueOnce(answer(200, { data: 'ok' }));
    vi.stubGlobal('fetch', fetch);
    const notices: (number | null)[] = [];
    const stop = subscribeThrottle(() => notices.push(throttleNotice()));
    const pending = fetchJson<{ data: string }>('/api/v1/x');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(fetch).toHaveBeenCalledTimes(1);     // not before the server's 2 s
    expect(throttleNotice()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await pending).toEqual({ data: 'ok' });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(throttleNotice()).toBeNull();
    expect(notices.at(0)).toEqual(expect.any(Number));
    expect(notices.at(-1)).toBeNull();
    stop();
  });

  it('gives up after a few tries, or at once when the wait is long, with the server’s sentence', async () => {
    vi.useFakeTimers();
    const limited = () => answer(429, { status: 429, detail: 'Too many requests: try again in 600 s.' }, { 'retry-after': '600' });
    vi.stubGlobal('fetch', vi.fn().mockImplementation(async () => limited()));
    const err = await fetchJson('/api/v1/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(429);
    expect((err as ApiError).message).toContain('600 s');
    expect(fetch).toHaveBeenCalledTimes(1);

    const short = vi.fn().mockImplementation(async () => answer(429, { status: 429, detail: 'busy' }, { 'retry-after': '1' }));
    vi.stubGlobal('fetch', short);
    const pending = fetchJson('/api/v1/x').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(((await pending) as ApiError).status).toBe(429);
    expect(short).toHaveBeenCalledTimes(4);     // the first try and three retries, then no more
  });

  it('stops waiting when the request is abandoned', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', vi.fn().mockImplementation(async () => answer(429, {}, { 'retry-after': '5' })));
    const controller = new AbortController();
    const pending = fetchJson('/api/v1/x', { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(((await pending) as DOMException).name).toBe('AbortError');
    expect(throttleNotice()).toBeNull();
  });
});
