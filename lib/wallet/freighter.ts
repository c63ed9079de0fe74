'use client';
import * as freighter from '@stellar/freighter-api';
import { WalletError, type WalletAdapter } from './adapter';

// Freighter, through its official API package (it talks to the extension with postMessage).
// Every call resolves to { error? } instead of throwing; code -4 means the user declined.

function unwrap<T extends { error?: { code?: number; message?: string } | string }>(res: T, what: string): T {
  const err = res.error;
  if (!err) return res;
  const message = typeof err === 'string' ? err : err.message ?? `Freighter could not ${what}`;
  const declined = typeof err === 'object' && err.code === -4;
  throw new WalletError(declined ? `You declined to ${what} in Freighter.` : message, declined ? 'rejected' : 'failed');
}

export const freighterAdapter: WalletAdapter = {
  id: 'freighter',
  name: 'Freighter',
  installUrl: 'https://www.freighter.app/',
  async isAvailable() {
    // isConnected answers within ~2 s even without the extension; other calls would hang.
    const res = await freighter.isConnected();
    return !res.error && res.isConnected;
  },
  async getAddress() {
    const res = unwrap(await freighter.requestAccess(), 'share your account');
    if (!res.address) throw new WalletError('Freighter did not share an account.', 'failed');
    return res.address;
  },
  async getNetwork() {
    const res = unwrap(await freighter.getNetwork(), 'tell its network');
    return { network: res.network, networkPassphrase: res.networkPassphrase };
  },
  async signTransaction(xdr, opts) {
    const res = unwrap(await freighter.signTransaction(xdr, { networkPassphrase: opts.networkPassphrase, address: opts.address }), 'sign the transaction');
    return { signedTxXdr: res.signedTxXdr, signerAddress: res.signerAddress };
  },
  async signMessage(message, opts) {
    const res = unwrap(await freighter.signMessage(message, { networkPassphrase: opts.networkPassphrase, address: opts.address }), 'sign the message');
    return { signedMessage: String(res.signedMessage ?? ''), signerAddress: res.signerAddress };
  },
  async signAuthEntry(entryXdr, opts) {
    const res = unwrap(await freighter.signAuthEntry(entryXdr, { networkPassphrase: opts.networkPassphrase, address: opts.address }), 'sign the authorisation');
    return { signedAuthEntry: String(res.signedAuthEntry ?? ''), signerAddress: res.signerAddress };
  },
  watch(onChange) {
    const watcher = new freighter.WatchWalletChanges(3000);
    watcher.watch((c: { address: string; network: string; networkPassphrase: string }) =>
      onChange({ address: c.address, network: { network: c.network, networkPassphrase: c.networkPassphrase } }));
    return () => watcher.stop();
  },
};
