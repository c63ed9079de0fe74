'use client';

import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';
import { appNetworkPassphrase, type SignInStep } from '@/lib/wallet/sign-in';

async function problemDetail(res: Response, fallback: string): Promise<string> {
  const body = (await res.json().catch(() => null)) as { detail?: string } | null;
  return body?.detail ?? fallback;
}

/**
 * Links another wallet to the signed-in account: the same SEP-10 challenge as sign-in (so the
 * wallet proves it holds the key), posted to /api/v1/wallets instead of /api/v1/auth so the
 * session stays the current user's. Same steps and failures as signInWithWallet, so the picker
 * shows both the same way.
 */
export async function linkWallet(wallet: WalletAdapter, onStep: (s: SignInStep) => void = () => {}): Promise<{ account: string }> {
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
  if (!challenge.ok) throw new WalletError(await problemDetail(challenge, 'Could not get a challenge for this wallet.'), 'failed');
  const { transaction } = (await challenge.json()) as { transaction: string };
  onStep('waiting-for-signature');
  const { signedTxXdr } = await wallet.signTransaction(transaction, { networkPassphrase: passphrase, address: account });
  onStep('verifying');
  const res = await fetch('/api/v1/wallets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transaction: signedTxXdr }),
  });
  // 409: the wallet already belongs to another account; the server's sentence says so.
  if (!res.ok) throw new WalletError(await problemDetail(res, 'The server refused to link this wallet.'), 'failed');
  onStep('done');
  return { account };
}
