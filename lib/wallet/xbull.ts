'use client';
import { WalletError, type WalletAdapter, type WalletNetwork } from './adapter';

// xBull's extension injects window.xBullSDK (its content script relays to the extension), so no
// package is needed. We use the SDK's SEP-43 methods — getAddress, getNetwork, signTransaction,
// signMessage — which ask for the site connection themselves and resolve to
// { error: { code, message } } instead of throwing. A refusal arrives as code -1 with
// "Connection denied" or "Sign request denied", so it is told apart by its words. xBull cannot
// sign auth entries and sends no change events. Older xBull versions only have the deprecated
// connect/getPublicKey/signXDR; we ask those users to update rather than speak both dialects.

type Reply<T> = T | { error: { code?: number; message?: string } };
interface XBullSDK {
  getAddress(): Promise<Reply<{ address: string }>>;
  getNetwork(): Promise<Reply<WalletNetwork>>;
  signTransaction(params: { xdr: string; opts?: { networkPassphrase?: string; address?: string } }): Promise<Reply<{ signedTxXdr: string; signerAddress?: string }>>;
  signMessage(message: string, opts?: { networkPassphrase?: string; address?: string }): Promise<Reply<{ signedMessage: string; signerAddress?: string }>>;
}

const sdk = () => (typeof window === 'undefined' ? undefined : (window as unknown as { xBullSDK?: XBullSDK }).xBullSDK);
const REFUSAL = /denied|declined|rejected|cancel/i;

function need(): XBullSDK {
  const x = sdk();
  if (!x) throw new WalletError('xBull is not installed.', 'not_installed');
  if (typeof x.getAddress !== 'function') throw new WalletError('This version of xBull is too old to sign in here; update the extension and try again.', 'failed');
  return x;
}

async function call<T extends object>(what: string, run: () => Promise<Reply<T>>): Promise<T> {
  let res: Reply<T> | undefined;
  try {
    res = await run();
  } catch (err) {
    res = { error: { message: (err as { message?: string })?.message ?? String(err) } };
  }
  const error = (res as { error?: { message?: string } } | undefined)?.error;
  if (!res || error) {
    const message = error?.message || `xBull could not ${what}.`;
    throw REFUSAL.test(message) ? new WalletError(`You declined to ${what} in xBull.`, 'rejected') : new WalletError(message, 'failed');
  }
  return res as T;
}

export const xbullAdapter: WalletAdapter = {
  id: 'xbull',
  name: 'xBull',
  installUrl: 'https://xbull.app/',
  async isAvailable() {
    // The extension injects its SDK as the page starts; allow a late injection up to 1 s.
    for (let waited = 0; !sdk() && waited < 1000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    return !!sdk();
  },
  async getAddress() {
    const x = need();
    const { address } = await call('share your account', () => x.getAddress());
    if (!address) throw new WalletError('xBull did not share an account.', 'failed');
    return address;
  },
  async getNetwork() {
    const x = need();
    const { network, networkPassphrase } = await call('tell its network', () => x.getNetwork());
    return { network, networkPassphrase };
  },
  async signTransaction(xdr, opts) {
    const x = need();
    const res = await call('sign the transaction', () => x.signTransaction({ xdr, opts: { networkPassphrase: opts.networkPassphrase, address: opts.address } }));
    return { signedTxXdr: res.signedTxXdr, signerAddress: res.signerAddress };
  },
  async signMessage(message, opts) {
    const x = need();
    const res = await call('sign the message', () => x.signMessage(message, { networkPassphrase: opts.networkPassphrase, address: opts.address }));
    return { signedMessage: res.signedMessage, signerAddress: res.signerAddress };
  },
};
