'use client';
import { WalletError, type WalletAdapter } from './adapter';

/** The network passphrase this app runs on, as its stellar.toml publishes it. */
export async function appNetworkPassphrase(): Promise<string> {
  const toml = await (await fetch('/.well-known/stellar.toml')).text();
  const m = /^NETWORK_PASSPHRASE="([^"]+)"/m.exec(toml);
  if (!m) throw new WalletError('The app did not publish its Stellar network.', 'failed');
  return m[1];
}

export type SignInStep = 'connecting' | 'checking-network' | 'requesting-challenge' | 'waiting-for-signature' | 'verifying' | 'done';

/**
 * SEP-10 sign-in from the browser: the wallet's account, a challenge from the server, the
 * wallet's signature, and the server's token (which also sets the app session cookie).
 * Refuses before asking for a signature when the wallet is on another network.
 */
export async function signInWithWallet(wallet: WalletAdapter, onStep: (s: SignInStep) => void = () => {}): Promise<{ account: string }> {
  onStep('connecting');
  if (!(await wallet.isAvailable())) throw new WalletError(`${wallet.name} is not installed in this browser.`, 'not_installed');
  const account = await wallet.getAddress();
  onStep('checking-network');
  const [passphrase, network] = await Promise.all([appNetworkPassphrase(), wallet.getNetwork()]);
  if (network.networkPassphrase !== passphrase) {
    throw new WalletError(`${wallet.name} is on ${network.network}; switch it to the network Traqora uses (${passphrase}).`, 'wrong_network');
  }
  onStep('requesting-challenge');
  const challenge = await fetch(`/api/v1/auth?account=${encodeURIComponent(account)}`);
  if (!challenge.ok) throw new WalletError((await challenge.json()).detail ?? 'Could not get a sign-in challenge.', 'failed');
  const { transaction } = await challenge.json();
  onStep('waiting-for-signature');
  const { signedTxXdr } = await wallet.signTransaction(transaction, { networkPassphrase: passphrase, address: account });
  onStep('verifying');
  const res = await fetch('/api/v1/auth', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ transaction: signedTxXdr }) });
  if (!res.ok) throw new WalletError((await res.json()).detail ?? 'The server refused the signature.', 'failed');
  onStep('done');
  return { account };
}
