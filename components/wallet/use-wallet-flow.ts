'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { signInWithWallet, type SignInStep } from '@/lib/wallet/sign-in';
import { linkWallet } from './link-wallet';
import { shortAddress } from './short-address';
import { describeFailure, type WalletFailure } from './wallet-failure';
import { rememberWallet } from './wallets';

export type WalletFlowKind = 'sign-in' | 'link';

export type WalletFlowState =
  | { status: 'idle' }
  | { status: 'running'; wallet: WalletAdapter; step: SignInStep }
  | { status: 'failed'; wallet: WalletAdapter; step: SignInStep; failure: WalletFailure }
  | { status: 'done'; wallet: WalletAdapter; account: string };

/**
 * Runs wallet sign-in or wallet linking and tracks its step for the stepper. On success the
 * session cookie (or the linked wallet) changed on the server, so cached queries are dropped and
 * the server components re-render (router.refresh) — the header then shows the new viewer.
 */
export function useWalletFlow(kind: WalletFlowKind, onDone?: (account: string) => void) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, setState] = React.useState<WalletFlowState>({ status: 'idle' });
  // A second click while a wallet popup is open would start a second challenge; ignore it.
  const running = React.useRef(false);

  const start = React.useCallback(
    async (wallet: WalletAdapter) => {
      if (running.current) return;
      running.current = true;
      let step: SignInStep = 'connecting';
      const onStep = (s: SignInStep) => {
        // 'done' is shown once the result is in hand (below), not as a running step.
        if (s === 'done') return;
        step = s;
        setState({ status: 'running', wallet, step: s });
      };
      try {
        const { account } = await (kind === 'sign-in' ? signInWithWallet(wallet, onStep) : linkWallet(wallet, onStep));
        rememberWallet(wallet.id);
        setState({ status: 'done', wallet, account });
        toast.success(kind === 'sign-in' ? `Signed in with ${wallet.name}` : `${wallet.name} wallet linked`, {
          description: `Account ${shortAddress(account)}`,
        });
        queryClient.invalidateQueries();
        router.refresh();
        onDone?.(account);
      } catch (err) {
        setState({ status: 'failed', wallet, step, failure: await describeFailure(err, wallet, step) });
      } finally {
        running.current = false;
      }
    },
    [kind, onDone, queryClient, router],
  );

  return { state, start };
}
