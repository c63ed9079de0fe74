'use client';

import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';
import { appNetworkPassphrase, type SignInStep } from '@/lib/wallet/sign-in';
import { networkName } from './stellar-network';

/** Why a wallet flow stopped, in the terms the picker explains it to the traveller. */
export type WalletFailure =
  | { kind: 'not_installed' }
  | { kind: 'rejected' }
  | { kind: 'wrong_network'; walletNetwork: string; appNetwork: string }
  | { kind: 'server'; message: string }
  | { kind: 'failed'; message: string };

/**
 * Turns what signInWithWallet/linkWallet threw into a WalletFailure. The library's errors carry a
 * code but not which side refused, so the step it stopped at tells a server refusal (challenge or
 * verification) from a wallet problem; for a network mismatch both networks are asked again so
 * the message can name them in words.
 */
export async function describeFailure(err: unknown, wallet: WalletAdapter, step: SignInStep): Promise<WalletFailure> {
  if (!(err instanceof WalletError)) {
    // fetch() itself failed (offline) or the wallet threw something unexpected.
    return { kind: 'failed', message: err instanceof Error && err.message ? err.message : 'Something went wrong; try again.' };
  }
  switch (err.code) {
    case 'not_installed':
      return { kind: 'not_installed' };
    case 'rejected':
      return { kind: 'rejected' };
    case 'wrong_network': {
      const [app, net] = await Promise.all([appNetworkPassphrase(), wallet.getNetwork()]).catch(() => [null, null] as const);
      if (!app || !net) return { kind: 'failed', message: err.message };
      return { kind: 'wrong_network', walletNetwork: networkName(net.networkPassphrase, net.network), appNetwork: networkName(app) };
    }
    case 'failed':
      return step === 'requesting-challenge' || step === 'verifying' ? { kind: 'server', message: err.message } : { kind: 'failed', message: err.message };
  }
}
