'use client';

import { ExternalLinkIcon } from 'lucide-react';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { Banner } from '@/components/ui/banner';
import type { WalletFlowKind } from './use-wallet-flow';
import type { WalletFailure } from './wallet-failure';

function Headline({ failure, wallet }: { failure: WalletFailure; wallet: WalletAdapter }) {
  switch (failure.kind) {
    case 'not_installed':
      return <>{wallet.name} is not installed in this browser</>;
    case 'rejected':
      return <>You declined in {wallet.name}</>;
    case 'wrong_network':
      return wallet.onlyNetwork ? <>{wallet.name} can’t sign on {failure.appNetwork}</> : <>Switch {wallet.name} to {failure.appNetwork}</>;
    case 'server':
      return <>Traqora refused the signature</>;
    case 'failed':
      return <>{wallet.name} could not finish</>;
  }
}

function Explanation({ failure, wallet, kind }: { failure: WalletFailure; wallet: WalletAdapter; kind: WalletFlowKind }) {
  const unchanged = kind === 'sign-in' ? 'You are still signed out.' : 'No wallet was linked.';
  switch (failure.kind) {
    case 'not_installed':
      return (
        <>
          Install the {wallet.name} extension, reload this page and try again.{' '}
          <a href={wallet.installUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-medium underline underline-offset-2">
            Get {wallet.name}
            <ExternalLinkIcon className="size-3.5" aria-hidden="true" />
            <span className="sr-only">(opens in a new tab)</span>
          </a>
        </>
      );
    case 'rejected':
      return <>Nothing was signed. {unchanged} Try again when you are ready to approve the request.</>;
    case 'wrong_network':
      if (wallet.onlyNetwork) {
        return (
          <>
            {wallet.name} signs on {wallet.onlyNetwork} only, and Traqora runs on {failure.appNetwork}. Choose another wallet. Nothing was signed.
          </>
        );
      }
      return (
        <>
          {wallet.name} is on {failure.walletNetwork}, but Traqora runs on {failure.appNetwork}. Choose {failure.appNetwork} in{' '}
          {wallet.name}’s network menu, then try again. Nothing was signed.
        </>
      );
    case 'server':
      return (
        <>
          {failure.message} {unchanged}
        </>
      );
    case 'failed':
      return (
        <>
          {failure.message} {unchanged}
        </>
      );
  }
}

/** Why the flow stopped and what to do next, announced as an alert when it appears. */
export function WalletFailureNotice({ failure, wallet, kind }: { failure: WalletFailure; wallet: WalletAdapter; kind: WalletFlowKind }) {
  return (
    <Banner variant="error" compact title={<Headline failure={failure} wallet={wallet} />}>
      <p>
        <Explanation failure={failure} wallet={wallet} kind={kind} />
      </p>
    </Banner>
  );
}
