import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { FakeWindow } from './wallet-fake-window';

// The list the picker offers: five wallets in order, each with somewhere to get it, and every
// availability check settling within about two seconds in a browser with no wallet extension
// (the picker shows "Checking this browser…" until then) without throwing.

let WALLETS: readonly WalletAdapter[];

beforeAll(async () => {
  // The wallet packages decide at load whether they run in a browser.
  vi.stubGlobal('window', new FakeWindow());
  ({ WALLETS } = await import('@/components/wallet/wallets'));
});
afterAll(() => vi.unstubAllGlobals());

describe('wallets the picker offers', () => {
  it('lists Freighter and Rabet first, then xBull, Albedo and LOBSTR, each with an install page', () => {
    expect(WALLETS.map((w) => [w.id, w.name])).toEqual([
      ['freighter', 'Freighter'],
      ['rabet', 'Rabet'],
      ['xbull', 'xBull'],
      ['albedo', 'Albedo'],
      ['lobstr', 'LOBSTR'],
    ]);
    for (const w of WALLETS) expect(w.installUrl).toMatch(/^https:\/\//);
  });

  it('answers "is it here?" for all of them within about 2 s when no extension is installed', async () => {
    const started = Date.now();
    const answers = await Promise.all(WALLETS.map(async (w) => [w.id, await w.isAvailable()] as const));
    expect(Date.now() - started).toBeLessThan(2700);
    expect(Object.fromEntries(answers)).toEqual({ freighter: false, rabet: false, xbull: false, albedo: true, lobstr: false });
  }, 10_000);
});
