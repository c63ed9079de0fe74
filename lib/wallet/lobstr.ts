'use client';
import * as lobstr from '@lobstrco/signer-extension-api';
import { WalletError, type WalletAdapter } from './adapter';

// LOBSTR's signer extension, through its official API package (3 KB, no dependencies), which
// posts messages to the extension's content script. The extension forwards each request to the
// LOBSTR app, which signs on the public network only: it neither reports a network nor takes
// one, so getNetwork says Mainnet and other networks are refused before anything is asked.
// Failures are thrown as plain strings; "User declined access" is the user's refusal (closed
// prompt or rejected in the app). It cannot sign auth entries or report account changes.

const PUBLIC = 'Public Global Stellar Network ; September 2015';
const REFUSAL = /declined|rejected|denied|cancel/i;

function fail(err: unknown, what: string): never {
  const message = typeof err === 'string' ? err : ((err as { message?: string })?.message ?? String(err));
  if (REFUSAL.test(message)) throw new WalletError(`You declined to ${what} in LOBSTR.`, 'rejected');
  throw new WalletError(message || `LOBSTR could not ${what}.`, 'failed');
}

/** isConnected answers within 2 s when no extension replies; the race is a backstop. */
async function installed(): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2500)));
    return !!(await Promise.race([lobstr.isConnected(), timeout]));
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Every call but isConnected waits forever without the extension, so each checks first. */
async function need() {
  if (!(await installed())) throw new WalletError('LOBSTR is not installed.', 'not_installed');
}

/**
 * Signing needs the connection key getPublicKey leaves in this tab's sessionStorage; in a tab
 * that never connected the extension says so, and we connect once and retry.
 */
async function withConnection<T>(sign: () => Promise<T>): Promise<T> {
  try {
    return await sign();
  } catch (err) {
    if (!/connection key/i.test(String(err))) throw err;
    await lobstr.getPublicKey();
    return sign();
  }
}

export const lobstrAdapter: WalletAdapter = {
  id: 'lobstr',
  name: 'LOBSTR',
  installUrl: 'https://chromewebstore.google.com/detail/lobstr-signer-extension/ldiagbjmlmjiieclmdkagofdjcgodjle',
  onlyNetwork: 'Mainnet',
  isAvailable: installed,
  async getAddress() {
    await need();
    let address: string;
    try {
      address = await lobstr.getPublicKey();
    } catch (err) {
      return fail(err, 'share your account');
    }
    if (!address) throw new WalletError('LOBSTR did not share an account.', 'failed');
    return address;
  },
  async getNetwork() {
    return { network: 'PUBLIC', networkPassphrase: PUBLIC };
  },
  async signTransaction(xdr, opts) {
    if (opts.networkPassphrase !== PUBLIC) throw new WalletError('LOBSTR signs only on the public network (Mainnet).', 'wrong_network');
    await need();
    let signedTxXdr: string;
    try {
      signedTxXdr = await withConnection(() => lobstr.signTransaction(xdr));
    } catch (err) {
      return fail(err, 'sign the transaction');
    }
    if (!signedTxXdr) throw new WalletError('LOBSTR returned no signed transaction.', 'failed');
    return { signedTxXdr };
  },
  async signMessage(message) {
    await need();
    let res: { signedMessage: string; signerAddress: string } | null;
    try {
      res = await withConnection(() => lobstr.signMessage(message));
    } catch (err) {
      return fail(err, 'sign the message');
    }
    if (!res?.signedMessage) throw new WalletError('LOBSTR returned no signature.', 'failed');
    return { signedMessage: res.signedMessage, signerAddress: res.signerAddress || undefined };
  },
};
