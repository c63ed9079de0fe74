'use client';

import type { SignInStep } from '@/lib/wallet/sign-in';
import { StepList } from '@/components/ui/step-list';
import type { WalletFlowKind, WalletFlowState } from './use-wallet-flow';

type ShownStep = Exclude<SignInStep, 'done'>;
const ORDER: readonly ShownStep[] = ['connecting', 'checking-network', 'requesting-challenge', 'waiting-for-signature', 'verifying'];

function label(step: ShownStep, wallet: string, kind: WalletFlowKind): string {
  switch (step) {
    case 'connecting':
      return `Connect to ${wallet}`;
    case 'checking-network':
      return `Check ${wallet}’s network`;
    case 'requesting-challenge':
      return 'Get a one-time challenge from Traqora';
    case 'waiting-for-signature':
      return `Approve the challenge in ${wallet}`;
    case 'verifying':
      return kind === 'sign-in' ? 'Traqora checks the signature' : 'Traqora links the wallet';
  }
}

/** The steps of wallet sign-in (or linking), each marked done, in progress, stopped or to come. */
export function SignInStepper({ state, kind }: { state: Exclude<WalletFlowState, { status: 'idle' }>; kind: WalletFlowKind }) {
  return (
    <StepList
      label={kind === 'sign-in' ? 'Sign-in progress' : 'Linking progress'}
      steps={ORDER.map((step) => ({ id: step, label: label(step, state.wallet.name, kind) }))}
      at={state.status === 'done' ? ORDER.length : ORDER.indexOf(state.step as ShownStep)}
      status={state.status}
    />
  );
}

/** One sentence for screen readers' live region: what is happening now. */
export function stepAnnouncement(state: WalletFlowState, kind: WalletFlowKind): string {
  if (state.status === 'running' && state.step !== 'done') return `${label(state.step, state.wallet.name, kind)}…`;
  if (state.status === 'done') return kind === 'sign-in' ? 'Signed in.' : 'Wallet linked.';
  return '';
}
