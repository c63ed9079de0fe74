'use client';

import { ChevronRightIcon, ExternalLinkIcon, WalletIcon } from 'lucide-react';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { SignInStepper, stepAnnouncement } from './sign-in-stepper';
import { useWalletAvailability, type Availability } from './use-wallet-availability';
import { useWalletFlow, type WalletFlowKind } from './use-wallet-flow';
import { WalletFailureNotice } from './wallet-failure-notice';
import { useRememberedWalletId, WALLET_NOTES, WALLETS } from './wallets';

const AVAILABILITY_TEXT: Record<Availability, string> = {
  checking: 'Checking this browser…',
  installed: 'Installed',
  missing: 'Not installed',
};

function WalletRow({
  wallet,
  availability,
  lastUsed,
  busy,
  onChoose,
}: {
  wallet: WalletAdapter;
  availability: Availability;
  lastUsed: boolean;
  busy: boolean;
  onChoose: () => void;
}) {
  const status = (
    <span className="flex items-center gap-2 text-xs text-muted-foreground">
      {(availability !== 'missing' && WALLET_NOTES[wallet.id]) || AVAILABILITY_TEXT[availability]}
      {lastUsed && <Badge variant="secondary">Last used</Badge>}
    </span>
  );
  const icon = (
    <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-secondary text-secondary-foreground">
      <WalletIcon className="size-4.5" aria-hidden="true" />
    </span>
  );

  // A missing wallet cannot be chosen; the row offers its install page instead.
  if (availability === 'missing') {
    return (
      <div className="flex items-center gap-3 rounded-lg border border-dashed p-3">
        {icon}
        <span className="grid flex-1 gap-0.5">
          <span className="text-sm font-medium">{wallet.name}</span>
          {status}
        </span>
        <Button asChild variant="outline" size="sm">
          <a href={wallet.installUrl} target="_blank" rel="noreferrer">
            Install {wallet.name}
            <ExternalLinkIcon aria-hidden="true" />
            <span className="sr-only">(opens in a new tab)</span>
          </a>
        </Button>
      </div>
    );
  }
  return (
    <button
      type="button"
      onClick={onChoose}
      // Choosable while availability is still being checked: the flow checks again itself, and an
      // enabled first row is where the dialog puts keyboard focus when it opens.
      disabled={busy}
      className={cn(
        'flex w-full items-center gap-3 rounded-lg border bg-card p-3 text-left transition-colors outline-none',
        'hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60',
        lastUsed && 'border-primary/50',
      )}
    >
      {icon}
      <span className="grid flex-1 gap-0.5">
        <span className="text-sm font-medium">{wallet.name}</span>
        {status}
      </span>
      <ChevronRightIcon className="size-4 text-muted-foreground" aria-hidden="true" />
    </button>
  );
}

/**
 * The wallet list and the sign-in (or link) progress. Used inside the dialog and on
 * /sign-in/wallet; `onDone` lets the host close itself or navigate on.
 */
export function WalletPicker({ kind = 'sign-in', onDone }: { kind?: WalletFlowKind; onDone?: (account: string) => void }) {
  const availability = useWalletAvailability();
  const { state, start } = useWalletFlow(kind, onDone);
  const lastUsed = useRememberedWalletId();

  const ordered = lastUsed ? [...WALLETS].sort((a, b) => Number(b.id === lastUsed) - Number(a.id === lastUsed)) : WALLETS;
  const busy = state.status === 'running' || state.status === 'done';

  return (
    <div className="grid gap-4">
      <ul aria-label="Wallets" className="grid gap-2">
        {ordered.map((wallet) => (
          <li key={wallet.id}>
            <WalletRow
              wallet={wallet}
              availability={availability[wallet.id]}
              lastUsed={wallet.id === lastUsed}
              busy={busy}
              onChoose={() => void start(wallet)}
            />
          </li>
        ))}
      </ul>

      {state.status !== 'idle' && (
        <section aria-label={`${state.wallet.name} ${kind === 'sign-in' ? 'sign-in' : 'linking'}`} className="grid gap-3 rounded-lg bg-muted/50 p-3">
          <SignInStepper state={state} kind={kind} />
          {state.status === 'failed' && (
            <>
              <WalletFailureNotice failure={state.failure} wallet={state.wallet} kind={kind} />
              {state.failure.kind !== 'not_installed' && (
                <Button variant="outline" className="justify-self-start" onClick={() => void start(state.wallet)}>
                  Try again with {state.wallet.name}
                </Button>
              )}
            </>
          )}
        </section>
      )}
      <p role="status" className="sr-only">
        {stepAnnouncement(state, kind)}
      </p>
    </div>
  );
}
