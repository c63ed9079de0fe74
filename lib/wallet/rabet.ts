'use client';
import { WalletError, type WalletAdapter } from './adapter';

// Rabet injects window.rabet: connect() → { publicKey }, sign(xdr, network) → { xdr }, where
// network is 'mainnet' or 'testnet'. It cannot sign messages or auth entries.

interface Rabet {
  connect(): Promise<{ publicKey: string }>;
  sign(xdr: string, network: 'mainnet' | 'testnet'): Promise<{ xdr: string }>;
}
const rabet = () => (typeof window === 'undefined' ? undefined : (window as unknown as { rabet?: Rabet }).rabet);
const PUBLIC = 'Public Global Stellar Network ; September 2015';
const TESTNET = 'Test SDF Network ; September 2015';

function declined(err: unknown, what: string): never {
  const message = (err as { message?: string })?.message ?? String(err);
  throw new WalletError(/reject|denied|cancel/i.test(message) ? `You declined to ${what} in Rabet.` : message, /reject|denied|cancel/i.test(message) ? 'rejected' : 'failed');
}

export const rabetAdapter: WalletAdapter = {
  id: 'rabet',
  name: 'Rabet',
  installUrl: 'https://rabet.io/',
  async isAvailable() {
    return !!rabet();
  },
  async getAddress() {
    const r = rabet();
    if (!r) throw new WalletError('Rabet is not installed.', 'not_installed');
    try {
      return (await r.connect()).publicKey;
    } catch (err) {
      return declined(err, 'share your account');
    }
  },
  async getNetwork() {
    // Rabet does not report its network; it signs for the one it is asked to.
    return { network: 'TESTNET', networkPassphrase: TESTNET };
  },
  async signTransaction(xdr, opts) {
    const r = rabet();
    if (!r) throw new WalletError('Rabet is not installed.', 'not_installed');
    if (opts.networkPassphrase !== PUBLIC && opts.networkPassphrase !== TESTNET) {
      throw new WalletError('Rabet signs only for the public network and testnet.', 'wrong_network');
    }
    try {
      return { signedTxXdr: (await r.sign(xdr, opts.networkPassphrase === PUBLIC ? 'mainnet' : 'testnet')).xdr };
    } catch (err) {
      return declined(err, 'sign the transaction');
    }
  },
};
