'use client';

import * as React from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ExternalLinkIcon, LoaderCircleIcon, RotateCwIcon, WalletIcon } from 'lucide-react';
import type { Booking } from '@/lib/bookings/types';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { confirmWithServer, formatNetworkFee, PayError, payWithWallet, type PayProgress, type PayStep } from '@/lib/payments/soroban/pay-with-wallet';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { StepList } from '@/components/ui/step-list';
import { useWalletAvailability } from '@/components/wallet/use-wallet-availability';
import { rememberWallet, useRememberedWalletId, WALLET_NOTES, WALLETS } from '@/components/wallet/wallets';
import { bookingKey } from './use-booking';

// The soroban rail's pay panel: choose a wallet, then watch the payment go through its steps —
// a signed quote from Traqora, the transaction built and simulated, the wallet's approval,
// submission to Stellar, and Traqora reading the result from the chain.

type Shown = Exclude<PayStep, 'confirmed'>;
const ORDER: readonly Shown[] = ['connecting', 'quoting', 'building', 'signing', 'submitted', 'confirming'];

function label(step: Shown, wallet: string): string {
  switch (step) {
    case 'connecting':
      return `Connect to ${wallet}`;
    case 'quoting':
      return 'Get the signed price from Traqora';
    case 'building':
      return 'Build and simulate the escrow payment';
    case 'signing':
      return `Approve the payment in ${wallet}`;
    case 'submitted':
      return 'Submit it to the Stellar network';
    case 'confirming':
      return 'Traqora reads the result from the chain';
  }
}

type State =
  | { status: 'idle' }
  | { status: 'running'; wallet: WalletAdapter; progress: PayProgress }
  | { status: 'failed'; wallet: WalletAdapter; progress: PayProgress; error: PayError; payer?: string }
  | { status: 'done'; wallet: WalletAdapter; progress: PayProgress };

function PayStepper({ state }: { state: Exclude<State, { status: 'idle' }> }) {
  const step = state.progress.step;
  return (
    <StepList
      label="Payment progress"
      steps={ORDER.map((s) => ({ id: s, label: label(s, state.wallet.name) }))}
      at={state.status === 'done' || step === 'confirmed' ? ORDER.length : ORDER.indexOf(step as Shown)}
      status={state.status}
    />
  );
}

function TxLink({ progress }: { progress: PayProgress }) {
  if (!progress.txHash) return null;
  const short = `${progress.txHash.slice(0, 8)}…${progress.txHash.slice(-6)}`;
  return (
    <p className="text-sm">
      Transaction <span className="font-mono">{short}</span>
      {progress.explorerUrl && (
        <>
          {' · '}
          <a href={progress.explorerUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-medium text-primary underline underline-offset-2">
            View on Stellar Expert
            <ExternalLinkIcon className="size-3.5" aria-hidden="true" />
            <span className="sr-only">(opens in a new tab)</span>
          </a>
        </>
      )}
    </p>
  );
}

function NetworkFee({ progress }: { progress: PayProgress }) {
  if (!progress.networkFeeStroops) return null;
  return (
    <p className="text-sm text-muted-foreground" data-testid="network-fee">
      Stellar network fee: <span className="font-medium text-foreground">{formatNetworkFee(progress.networkFeeStroops)}</span>, paid from
      your wallet&rsquo;s XLM on top of the fare. Traqora does not receive it.
    </p>
  );
}

function failureTitle(e: PayError, wallet: string): string {
  switch (e.kind) {
    case 'rejected':
      return `You declined in ${wallet}`;
    case 'wrong_network':
      return `${wallet} is on another network`;
    case 'not_installed':
      return `${wallet} is not installed in this browser`;
    case 'unconfirmed':
      return 'Waiting for confirmation';
    default:
      return 'The payment didn’t go through';
  }
}

function failureAdvice(e: PayError, wallet: WalletAdapter): string {
  switch (e.kind) {
    case 'rejected':
      return 'Nothing was signed and nothing was charged.';
    case 'wrong_network':
      return wallet.onlyNetwork
        ? `${wallet.name} signs on ${wallet.onlyNetwork} only; choose another wallet. Nothing was signed.`
        : 'Switch the wallet to the network Traqora uses, then pay again. Nothing was signed.';
    case 'unconfirmed':
      return 'The transaction was sent. Traqora keeps checking the chain; you will not be charged twice.';
    default:
      return 'Nothing was charged; the seats are still held for you.';
  }
}

/**
 * Pays a held booking into the Soroban escrow from the traveller's wallet; `points` (chosen on the
 * pay page's slider) pay part of the fare, which Traqora's loyalty-liability account sends into
 * the escrow in the same transaction. `disabled` while the slider's price is being worked out.
 */
export function ChainPay({ booking, amountLabel, points = 0, disabled = false }: { booking: Booking; amountLabel: string; points?: number; disabled?: boolean }) {
  const queryClient = useQueryClient();
  const availability = useWalletAvailability();
  const lastUsed = useRememberedWalletId();
  const [state, setState] = React.useState<State>({ status: 'idle' });
  const [chosen, setChosen] = React.useState<WalletAdapter | null>(null);
  const wallet = chosen ?? WALLETS.find((w) => w.id === lastUsed) ?? WALLETS.find((w) => availability[w.id] === 'installed') ?? WALLETS[0];
  const running = state.status === 'running';

  const finish = (b: Booking) => {
    queryClient.setQueryData(bookingKey(booking.pnr), b);
    void queryClient.invalidateQueries({ queryKey: ['bookings'] });
    void queryClient.invalidateQueries({ queryKey: ['loyalty'] });
  };

  const pay = async () => {
    if (running) return;
    const w = wallet;
    let progress: PayProgress = { step: 'connecting' };
    setState({ status: 'running', wallet: w, progress });
    try {
      const { booking: paid } = await payWithWallet(w, booking.pnr, (p) => {
        progress = p;
        setState({ status: 'running', wallet: w, progress: p });
      }, { points });
      rememberWallet(w.id);
      setState({ status: 'done', wallet: w, progress: { ...progress, step: 'confirmed' } });
      finish(paid);
    } catch (err) {
      const error = err instanceof PayError ? err : new PayError(String(err), progress.step, 'failed');
      setState({ status: 'failed', wallet: w, progress: { ...progress, step: error.step }, error });
      void queryClient.invalidateQueries({ queryKey: bookingKey(booking.pnr) });
    }
  };

  const checkAgain = async () => {
    if (state.status !== 'failed' || !state.error.txHash) return;
    const { wallet: w, progress, error } = state;
    setState({ status: 'running', wallet: w, progress: { ...progress, step: 'confirming' } });
    try {
      const payer = await w.getAddress();
      const paid = await confirmWithServer(booking.pnr, error.txHash!, payer);
      setState({ status: 'done', wallet: w, progress: { ...progress, step: 'confirmed' } });
      finish(paid);
    } catch (err) {
      const e = err instanceof PayError ? err : new PayError(String(err), 'confirming', 'unconfirmed', error.txHash);
      setState({ status: 'failed', wallet: w, progress: { ...progress, step: 'confirming' }, error: e });
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <fieldset className="grid gap-2" disabled={running}>
        <legend className="mb-1 text-sm font-medium">Pay from</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {WALLETS.map((w) => {
            const a = availability[w.id];
            return (
              <label
                key={w.id}
                className={cn(
                  'flex cursor-pointer items-center gap-3 rounded-lg border p-3 text-sm has-[:checked]:border-primary has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring',
                  a === 'missing' && 'border-dashed text-muted-foreground',
                )}
              >
                <input type="radio" name="pay-wallet" className="sr-only" checked={w.id === wallet.id} onChange={() => setChosen(w)} />
                <WalletIcon className="size-4 shrink-0" aria-hidden="true" />
                <span className="grid">
                  <span className="font-medium text-foreground">{w.name}</span>
                  <span className="text-xs text-muted-foreground">
                    {a === 'checking' ? 'Checking…' : a === 'missing' ? 'Not installed' : (WALLET_NOTES[w.id] ?? 'Installed')}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>

      {state.status !== 'idle' && <PayStepper state={state} />}
      {state.status !== 'idle' && <NetworkFee progress={state.progress} />}
      {state.status !== 'idle' && <TxLink progress={state.progress} />}

      {state.status === 'failed' && (
        <Banner variant={state.error.kind === 'unconfirmed' ? 'warning' : 'error'} title={failureTitle(state.error, state.wallet.name)}>
          {state.error.message} {failureAdvice(state.error, state.wallet)}
        </Banner>
      )}

      {state.status === 'failed' && state.error.kind === 'unconfirmed' ? (
        <Button size="lg" variant="outline" onClick={() => void checkAgain()}>
          <RotateCwIcon aria-hidden="true" />
          Check again
        </Button>
      ) : (
        <Button size="lg" disabled={running || disabled || state.status === 'done'} onClick={() => void pay()}>
          {running && <LoaderCircleIcon className="animate-spin" aria-hidden="true" />}
          {running
            ? 'Paying into the escrow…'
            : state.status === 'failed'
              ? `Try again with ${wallet.name}`
              : `Pay ${amountLabel}${points > 0 ? ` and ${points.toLocaleString('en-US')} points` : ''} with ${wallet.name}`}
        </Button>
      )}
      <p className="sr-only" aria-live="polite">
        {state.status === 'running' && state.progress.step !== 'confirmed' ? `${label(state.progress.step as Shown, state.wallet.name)}…` : ''}
        {state.status === 'failed' ? failureTitle(state.error, state.wallet.name) : ''}
      </p>
    </div>
  );
}
