'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { LoaderCircleIcon, PenLineIcon, WalletIcon } from 'lucide-react';
import type { MultisigStep } from '@/lib/settlements/multisig-judge';
import { MultisigSignError, signMultisigStep, type MultisigSignStep, type MultisigTarget } from '@/lib/settlements/multisig-wallet';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { StepList } from '@/components/ui/step-list';
import { useWalletAvailability } from '@/components/wallet/use-wallet-availability';
import { rememberWallet, useRememberedWalletId, WALLET_NOTES, WALLETS } from '@/components/wallet/wallets';

// Approve (or, once enough signers have, execute) an admin multisig proposal from the signer's
// own wallet: choose the wallet, then watch the transaction be built from the multisig's spec,
// signed, sent and read back from the chain by Traqora, which audits it.

type Shown = Exclude<MultisigSignStep, 'confirmed'>;
const ORDER: readonly Shown[] = ['connecting', 'building', 'signing', 'submitted', 'confirming'];

function label(step: Shown, wallet: string, verb: string): string {
  switch (step) {
    case 'connecting': return `Connect to ${wallet}`;
    case 'building': return `Build and simulate the ${verb}`;
    case 'signing': return `Sign the ${verb} in ${wallet}`;
    case 'submitted': return 'Submit it to the Stellar network';
    case 'confirming': return 'Traqora reads the result from the chain';
  }
}

type State =
  | { status: 'idle' }
  | { status: 'running' | 'done'; at: MultisigSignStep; txHash?: string }
  | { status: 'failed'; at: MultisigSignStep; error: MultisigSignError };

export function MultisigStepDialog({ target, proposalId, step, summary }: { target: MultisigTarget; proposalId: string; step: MultisigStep; summary: string }) {
  const router = useRouter();
  const availability = useWalletAvailability();
  const lastUsed = useRememberedWalletId();
  const [open, setOpen] = React.useState(false);
  const [chosen, setChosen] = React.useState<WalletAdapter | null>(null);
  const [state, setState] = React.useState<State>({ status: 'idle' });
  const wallet = chosen ?? WALLETS.find((w) => w.id === lastUsed) ?? WALLETS.find((w) => availability[w.id] === 'installed') ?? WALLETS[0];
  const verb = step === 'approve' ? 'approval' : 'execution';
  const title = step === 'approve' ? `Approve proposal #${proposalId}` : `Execute proposal #${proposalId}`;
  const running = state.status === 'running';

  const run = async () => {
    if (running) return;
    const w = wallet;
    setState({ status: 'running', at: 'connecting' });
    try {
      const { txHash } = await signMultisigStep(w, target, proposalId, step, { onProgress: (at, hash) => setState({ status: 'running', at, txHash: hash }) });
      rememberWallet(w.id);
      setState({ status: 'done', at: 'confirmed', txHash });
      router.refresh();
    } catch (err) {
      const error = err instanceof MultisigSignError ? err : new MultisigSignError(String(err), 'connecting');
      setState({ status: 'failed', at: error.step, error });
    }
  };

  const at = state.status === 'idle' ? 0 : state.at === 'confirmed' ? ORDER.length : ORDER.indexOf(state.at as Shown);
  return (
    <Dialog open={open} onOpenChange={(o) => { if (!running) { setOpen(o); if (!o) setState({ status: 'idle' }); } }}>
      <DialogTrigger asChild>
        <Button size="sm" variant={step === 'execute' ? 'default' : 'outline'}>
          <PenLineIcon aria-hidden="true" />
          {step === 'approve' ? 'Approve' : 'Execute'}
          <span className="sr-only"> proposal #{proposalId}</span>
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            {summary}. Your wallet signs the {verb} as one of the multisig&rsquo;s signers; Traqora only reads the result from the chain.
          </DialogDescription>
        </DialogHeader>
        <fieldset className="grid gap-2" disabled={running || state.status === 'done'}>
          <legend className="mb-1 text-sm font-medium">Sign with</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {WALLETS.map((w) => {
              const a = availability[w.id];
              return (
                <label key={w.id} className={cn('flex cursor-pointer items-center gap-3 rounded-lg border p-3 text-sm has-[:checked]:border-primary has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring',
                  a === 'missing' && 'border-dashed text-muted-foreground')}>
                  <input type="radio" name={`multisig-wallet-${step}-${proposalId}`} className="sr-only" checked={w.id === wallet.id} onChange={() => setChosen(w)} />
                  <WalletIcon className="size-4 shrink-0" aria-hidden="true" />
                  <span className="grid">
                    <span className="font-medium text-foreground">{w.name}</span>
                    <span className="text-xs text-muted-foreground">{a === 'checking' ? 'Checking…' : a === 'missing' ? 'Not installed' : (WALLET_NOTES[w.id] ?? 'Installed')}</span>
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        {state.status !== 'idle' && (
          <StepList label={`${verb} progress`} steps={ORDER.map((s) => ({ id: s, label: label(s, wallet.name, verb) }))} at={at}
            status={state.status === 'failed' ? 'failed' : state.status === 'done' ? 'done' : 'running'} />
        )}
        {state.status === 'failed' && <Banner variant="error" title={`The ${verb} didn’t go through`}>{state.error.message}</Banner>}
        {state.status === 'done' && (
          <Banner variant="success" title={step === 'approve' ? 'Approved' : 'Executed'}>
            Traqora read the transaction{state.txHash ? ` ${state.txHash.slice(0, 8)}…` : ''} from the chain and recorded it in the audit log. The proposal list follows once the chain index has it.
          </Banner>
        )}
        {state.status !== 'done' && (
          <Button onClick={() => void run()} disabled={running}>
            {running && <LoaderCircleIcon className="animate-spin" aria-hidden="true" />}
            {running ? `Signing the ${verb}…` : `Sign the ${verb} with ${wallet.name}`}
          </Button>
        )}
        <p className="sr-only" aria-live="polite">{state.status === 'running' && state.at !== 'confirmed' ? `${label(state.at as Shown, wallet.name, verb)}…` : ''}</p>
      </DialogContent>
    </Dialog>
  );
}
