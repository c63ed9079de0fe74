'use client';

import type { ReactNode } from 'react';
import { CheckIcon, CircleIcon, LoaderCircleIcon, XIcon } from 'lucide-react';
import type { SignInStep } from '@/lib/wallet/sign-in';
import { cn } from '@/components/ui/cn';
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

type Mark = 'done' | 'current' | 'failed' | 'todo';

const ICON: Record<Mark, ReactNode> = {
  done: <CheckIcon className="size-3.5" aria-hidden="true" />,
  current: <LoaderCircleIcon className="size-3.5 animate-spin" aria-hidden="true" />,
  failed: <XIcon className="size-3.5" aria-hidden="true" />,
  todo: <CircleIcon className="size-2" aria-hidden="true" />,
};
const STATE_TEXT: Record<Mark, string> = { done: 'done', current: 'in progress', failed: 'stopped here', todo: 'not started' };

/** The steps of wallet sign-in (or linking), each marked done, in progress, stopped or to come. */
export function SignInStepper({ state, kind }: { state: Exclude<WalletFlowState, { status: 'idle' }>; kind: WalletFlowKind }) {
  const at = state.status === 'done' ? ORDER.length : ORDER.indexOf(state.step as ShownStep);
  const mark = (i: number): Mark =>
    i < at ? 'done' : i > at ? 'todo' : state.status === 'failed' ? 'failed' : state.status === 'running' ? 'current' : 'done';

  return (
    <ol aria-label={kind === 'sign-in' ? 'Sign-in progress' : 'Linking progress'} className="grid gap-2">
      {ORDER.map((step, i) => {
        const m = mark(i);
        return (
          <li key={step} aria-current={m === 'current' ? 'step' : undefined} className="flex items-center gap-3 text-sm">
            <span
              className={cn(
                'flex size-6 shrink-0 items-center justify-center rounded-full border',
                m === 'done' && 'border-transparent bg-success text-success-foreground',
                m === 'current' && 'border-primary text-primary',
                m === 'failed' && 'border-transparent bg-destructive text-destructive-foreground',
                m === 'todo' && 'text-muted-foreground',
              )}
            >
              {ICON[m]}
            </span>
            <span className={cn(m === 'todo' && 'text-muted-foreground', m === 'current' && 'font-medium')}>
              {label(step, state.wallet.name, kind)}
              <span className="sr-only"> ({STATE_TEXT[m]})</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** One sentence for screen readers' live region: what is happening now. */
export function stepAnnouncement(state: WalletFlowState, kind: WalletFlowKind): string {
  if (state.status === 'running' && state.step !== 'done') return `${label(state.step, state.wallet.name, kind)}…`;
  if (state.status === 'done') return kind === 'sign-in' ? 'Signed in.' : 'Wallet linked.';
  return '';
}
