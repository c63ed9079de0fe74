import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Keypair, Networks, StrKey } from '@stellar/stellar-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertLinesMatch, linesTotal, priceLines } from '@/lib/payments/quote-lines';

// Which rail is active is decided in one place (lib/payments/index.ts, from config); everything
// else asks the rail what it is like instead of which one it is.

const chain = {
  STELLAR_RPC_URL: 'https://soroban-testnet.stellar.org',
  STELLAR_NETWORK_PASSPHRASE: Networks.TESTNET,
  TRAQORA_CONTRACT_IDS: `escrow=${StrKey.encodeContract(Buffer.alloc(32, 1))}`,
  STELLAR_SERVER_SECRET: Keypair.random().secret(),
};

/** lib/payments with a fresh config read from `env` (config and the rail settings are read once per process). */
async function railsWith(env: Record<string, string>) {
  vi.resetModules();
  for (const k of ['PAYMENT_RAIL', ...Object.keys(chain)]) vi.stubEnv(k, undefined);
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  return import('@/lib/payments');
}
afterEach(() => { vi.unstubAllEnvs(); });

describe('selecting the payment rail', () => {
  it('is the ledger with no chain configured: Traqora holds the (demo) money, nothing to sign, nothing left for jobs', async () => {
    const rail = (await railsWith({})).paymentRail();
    expect(rail.describe()).toEqual({ id: 'ledger', custody: 'platform', needsWalletSignature: false, takesPoints: true, demoFunds: true, backgroundWork: false, explorerUrl: null });
    // nothing to send, or loyalty points for part of the fare
    expect(rail.payRequest?.safeParse({}).data).toEqual({});
    expect(rail.payRequest?.safeParse({ points: 1500 }).data).toEqual({ points: 1500 });
    expect(rail.payRequest?.safeParse({ points: -1 }).error?.issues.map((i) => i.path.join('.'))).toEqual(['points']);
    expect(await rail.confirmPending()).toEqual({ skipped: 'ledger rail' });
    expect(await rail.settle()).toEqual({ skipped: 'ledger rail' });
  });

  it('is soroban once a network and the escrow are configured: the wallet signs, jobs confirm and settle', async () => {
    const rail = (await railsWith(chain)).paymentRail();
    expect(rail.describe()).toEqual({
      id: 'soroban', custody: 'wallet', needsWalletSignature: true, takesPoints: false, demoFunds: false, backgroundWork: true, explorerUrl: 'https://stellar.expert/explorer/testnet',
    });
    expect(rail.payRequest?.safeParse({ tx_hash: 'A'.repeat(64), payer: Keypair.random().publicKey() }).data).toMatchObject({ tx_hash: 'a'.repeat(64) });
    expect(rail.payRequest?.safeParse({ tx_hash: 'abc', payer: 'C…' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['tx_hash', 'payer']);
  });

  it('follows PAYMENT_RAIL over what is configured', async () => {
    expect((await railsWith({ ...chain, PAYMENT_RAIL: 'ledger' })).paymentRail().describe().id).toBe('ledger');
  });
});

describe('quote lines', () => {
  const price = { currency: 'USD', base_minor: 41_250, taxes_minor: 8_730, total_minor: 49_980 };

  it('are the fare and taxes of the price, summing to its total', () => {
    expect(priceLines(price)).toEqual([
      { kind: 'fare', label: 'Fare', amount_minor: 41_250 },
      { kind: 'taxes', label: 'Taxes and fees', amount_minor: 8_730 },
    ]);
    expect(linesTotal(priceLines(price))).toBe(price.total_minor);
  });

  it('refuse to let a rail charge anything but their sum (a discount line changes what is charged)', () => {
    const discounted = [...priceLines(price), { kind: 'discount' as const, label: 'Points', amount_minor: -5_000 }];
    expect(() => assertLinesMatch(discounted, price.total_minor)).toThrow(/sum to 44980 but the rail charges 49980/);
    expect(() => assertLinesMatch(discounted, 44_980)).not.toThrow();
  });
});

describe('no rail branches outside lib/payments', () => {
  const root = path.resolve(__dirname, '../..');
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });

  it('routes, jobs and UI never ask which rail is active', () => {
    // Showing the rail's name (the status page) is fine; deciding on it is not.
    const asks = /paymentRail\(\)\.name|\brail\.name\b|\.name === 'soroban'|=== 'ledger'|paymentRail\s*[!=]==|\.id\s*[!=]==\s*'(ledger|soroban)'/;
    const offenders = ['app', 'lib/jobs', 'components'].flatMap((d) => files(path.join(root, d)))
      .filter((f) => asks.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });
});
