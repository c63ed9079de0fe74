'use client';

import * as React from 'react';
import { createPortal } from 'react-dom';
import type { WalletAdapter, WalletNetwork } from '@/lib/wallet/adapter';
import { appNetworkPassphrase } from '@/lib/wallet/sign-in';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { shortAddress } from './short-address';
import { networkName } from './stellar-network';
import { useWalletFlow } from './use-wallet-flow';
import { rememberedWalletId, walletById } from './wallets';

interface Seen {
  address: string;
  network: WalletNetwork;
  appPassphrase: string;
}

/** Follows the wallet the viewer signed in with (if it can be watched): its current account and network. */
function useWatchedWallet(): { wallet: WalletAdapter | undefined; seen: Seen | null } {
  const [wallet, setWallet] = React.useState<WalletAdapter>();
  const [seen, setSeen] = React.useState<Seen | null>(null);
  React.useEffect(() => {
    // The wallet last used on this device is the one the viewer signed in with.
    const wallet = walletById(rememberedWalletId() ?? 'freighter');
    if (!wallet?.watch) return;
    let stop: (() => void) | undefined;
    let live = true;
    (async () => {
      // Without the extension the watcher's network call would never answer: check first.
      if (!(await wallet.isAvailable().catch(() => false))) return;
      const appPassphrase = await appNetworkPassphrase().catch(() => null);
      if (!live || !appPassphrase) return;
      setWallet(wallet);
      stop = wallet.watch!(({ address, network }) => {
        // An empty address means the wallet is locked or not shared with this site: nothing to say.
        if (address) setSeen({ address, network, appPassphrase });
      });
    })();
    return () => {
      live = false;
      stop?.();
    };
  }, []);
  return { wallet, seen };
}

/**
 * While signed in with a wallet: a non-blocking prompt when the wallet moves to an account that
 * is not linked to this user (offer to sign in as it, or link it) or to another network (say which
 * one Traqora needs — payments would be signed for the wrong network otherwise).
 */
export function WalletWatch({ linked }: { linked: string[] }) {
  const { wallet, seen } = useWatchedWallet();
  const [dismissed, setDismissed] = React.useState<string | null>(null);
  const signIn = useWalletFlow('sign-in');
  const link = useWalletFlow('link');

  if (!wallet || !seen) return null;
  const wrongNetwork = seen.network.networkPassphrase !== seen.appPassphrase;
  const otherAccount = !linked.includes(seen.address);
  const key = `${seen.address}|${seen.network.networkPassphrase}`;
  if ((!wrongNetwork && !otherAccount) || dismissed === key) return null;

  const running = signIn.state.status === 'running' || link.state.status === 'running';
  const failure = [signIn.state, link.state].find((s) => s.status === 'failed');

  // Portalled to <body>: inside the header, whose backdrop-filter makes it the containing block
  // of fixed elements, the prompt would be pinned to the header instead of the viewport.
  return createPortal(
    <Banner
      variant="warning"
      // A prompt to act when ready, not an interruption.
      role="status"
      className="fixed inset-x-3 bottom-3 z-50 mx-auto max-w-md bg-popover text-popover-foreground shadow-lg sm:right-4 sm:left-auto"
      onDismiss={() => setDismissed(key)}
      title={
        wrongNetwork ? (
          `${wallet.name} switched to ${networkName(seen.network.networkPassphrase, seen.network.network)}.`
        ) : (
          <>
            {wallet.name} switched to account <span className="font-mono">{shortAddress(seen.address)}</span>.
          </>
        )
      }
      action={
        !wrongNetwork && (
          <>
            <Button size="sm" disabled={running} onClick={() => void signIn.start(wallet)}>
              Sign in as {shortAddress(seen.address)}
            </Button>
            <Button size="sm" variant="outline" disabled={running} onClick={() => void link.start(wallet)}>
              Link it to this account
            </Button>
          </>
        )
      }
    >
      {wrongNetwork ? (
        <p>
          Traqora runs on {networkName(seen.appPassphrase)}: switch {wallet.name} back to {networkName(seen.appPassphrase)} before you pay or sign
          anything.
        </p>
      ) : (
        <p>It is not linked to the account you are signed in with.</p>
      )}
      {failure?.status === 'failed' && (
        <p className="mt-1 text-destructive">
          {failure.failure.kind === 'rejected' ? `You declined in ${wallet.name}.` : 'message' in failure.failure ? failure.failure.message : 'That did not work.'}
        </p>
      )}
    </Banner>,
    document.body,
  );
}
