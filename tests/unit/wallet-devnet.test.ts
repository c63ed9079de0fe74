import { Keypair, Networks, Operation, TransactionBuilder, Account } from '@stellar/stellar-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WalletAdapter } from '@/lib/wallet/adapter';

// The development wallet of `npm run dev:chain`: offered only when NEXT_PUBLIC_DEVNET_WALLET
// names a devnet and never in a production build; its key stays in the browser's storage, the
// devnet's friendbot and mint fund it, and it signs for the account it reports.

const DEVNET = 'http://127.0.0.1:8000';

async function load(env: Record<string, string | undefined>): Promise<{ adapter: WalletAdapter | null; listed: string[] }> {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v as string);
  const { devnetWalletAdapter } = await import('@/lib/wallet/devnet');
  const { WALLETS } = await import('@/components/wallet/wallets');
  return { adapter: devnetWalletAdapter, listed: WALLETS.map((w) => w.id) };
}

function browser() {
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
  const calls: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: { method?: string }) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url.endsWith('/.well-known/stellar.toml')) return new Response(`NETWORK_PASSPHRASE="Traqora Devnet ; December 2026"\n`);
    return new Response('{}', { status: calls.filter((c) => c.includes('/friendbot')).length > 1 && url.includes('/friendbot') ? 400 : 200 });
  }));
  return { store, calls };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('the development wallet', () => {
  it('is not offered without a devnet, nor in a production build even with one', async () => {
    expect(await load({ NEXT_PUBLIC_DEVNET_WALLET: '' })).toMatchObject({ adapter: null });
    expect((await load({ NEXT_PUBLIC_DEVNET_WALLET: '' })).listed).not.toContain('devnet');
    const prod = await load({ NEXT_PUBLIC_DEVNET_WALLET: DEVNET, NODE_ENV: 'production' });
    expect(prod.adapter).toBeNull();
    expect(prod.listed).not.toContain('devnet');
  });

  it('under dev:chain is listed last, funds its account once and signs for it', async () => {
    const { adapter, listed } = await load({ NEXT_PUBLIC_DEVNET_WALLET: `${DEVNET}/` });
    expect(listed.at(-1)).toBe('devnet');
    expect(adapter!.name).toMatch(/devnet only/);
    const { store, calls } = browser();

    const address = await adapter!.getAddress();
    expect(Keypair.fromSecret([...store.values()][0]).publicKey()).toBe(address);
    expect(calls).toEqual([`GET ${DEVNET}/friendbot?addr=${address}`, `POST ${DEVNET}/devnet/mint?addr=${address}&amount=100000000000`]);
    // the same key next time; the friendbot's 400 (already funded) mints nothing more
    expect(await adapter!.getAddress()).toBe(address);
    expect(calls.filter((c) => c.includes('/devnet/mint'))).toHaveLength(1);
    expect(await adapter!.getNetwork()).toEqual({ network: 'Traqora devnet', networkPassphrase: 'Traqora Devnet ; December 2026' });

    const tx = new TransactionBuilder(new Account(address, '1'), { fee: '100', networkPassphrase: Networks.STANDALONE })
      .addOperation(Operation.bumpSequence({ bumpTo: '2' })).setTimeout(30).build();
    const { signedTxXdr, signerAddress } = await adapter!.signTransaction(tx.toXDR(), { networkPassphrase: Networks.STANDALONE });
    expect(signerAddress).toBe(address);
    const signed = TransactionBuilder.fromXDR(signedTxXdr, Networks.STANDALONE);
    expect(Keypair.fromPublicKey(address).verify(signed.hash(), signed.signatures[0].signature)).toBe(true);
  });
});
