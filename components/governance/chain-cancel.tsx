'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { fetchJson } from '@/components/api/fetch-json';
import { WALLETS } from '@/components/wallet/wallets';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { StepList } from '@/components/ui/step-list';
import { cancelOnChain, type PreparedCancel } from '@/lib/governance/soroban/cancel-with-wallet';
import type { ChainVoteStep } from '@/lib/governance/soroban/vote-with-wallet';
import { WalletError } from '@/lib/wallet/adapter';

const STEPS = [
  { id: 'connecting', label: 'Connect the wallet that proposed it; Traqora checks the governor still says pending' },
  { id: 'building', label: 'Build cancel from the governor\'s interface and check it with the network' },
  { id: 'signing', label: 'Sign the transaction in your wallet (a network fee in XLM)' },
  { id: 'submitted', label: 'Send it to the network' },
  { id: 'confirming', label: 'Traqora reads it from the chain and marks the proposal cancelled' },
] as const;

/** Reports the cancel transaction until the server has read it (202 = not yet). */
async function confirmWithServer(proposal: number, txHash: string, address: string): Promise<unknown> {
  for (let i = 0; i < 12; i++) {
    const res = await fetch(`/api/v1/governance/proposals/${proposal}/cancel/chain`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ address, tx_hash: txHash }),
    });
    if (res.status === 200) return res.json();
    if (res.status !== 202) {
      const body = await res.json().catch(() => null);
      throw new Error((body && typeof body.detail === 'string' && body.detail) || 'Traqora could not confirm the cancellation.');
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
  throw new Error('The cancellation is on its way but not confirmed yet; check the proposal again in a moment.');
}

// The proposer withdraws a soroban-rail proposal while the governor says pending: their wallet
// signs and sends the governor's `cancel` (lib/governance/soroban/cancel-with-wallet.ts) and
// Traqora confirms it from the chain.
export function ChainCancelDialog({ proposal, wallets }: { proposal: number; wallets: string[] }) {
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [step, setStep] = React.useState<ChainVoteStep | null>(null);
  const [done, setDone] = React.useState(false);
  const [txHash, setTxHash] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  const cancel = async (walletId: string) => {
    const wallet = WALLETS.find((w) => w.id === walletId)!;
    setError(null);
    setTxHash(null);
    try {
      await cancelOnChain(wallet,
        async (address) => {
          if (!wallets.includes(address)) throw new WalletError(`${wallet.name} is on ${address.slice(0, 6)}…, which is not linked to your account. Switch to the wallet that proposed it.`, 'failed');
          return fetchJson<PreparedCancel>(`/api/v1/governance/proposals/${proposal}/cancel/chain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ address }) });
        },
        (hash, address) => confirmWithServer(proposal, hash, address),
        { onProgress: (s, hash) => { setStep(s); if (hash) setTxHash(hash); } });
      setDone(true);
    } catch (e) {
      setStep(null);
      setError((e as Error).message);
    }
  };

  const at = STEPS.findIndex((s) => s.id === (step === 'confirmed' ? 'confirming' : step));
  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) { if (done) router.refresh(); setStep(null); setError(null); setDone(false); } }}>
      <DialogTrigger asChild><Button variant="destructive">Cancel on chain</Button></DialogTrigger>
      <DialogContent>
        <DialogTitle>Cancel proposal {proposal}</DialogTitle>
        <DialogDescription>
          Your wallet sends the governor&apos;s cancel. Only the wallet that proposed it can, and Traqora offers it only before voting opens. It cannot be undone.
        </DialogDescription>
        {done ? (
          <p role="status" className="text-sm">
            The proposal is cancelled. {txHash ? <>Transaction <code className="break-all text-xs">{txHash}</code>.</> : null}
          </p>
        ) : (
          <div className="flex flex-col gap-4">
            {step && <StepList label="Cancelling on the governor" steps={STEPS} at={Math.max(at, 0)} status="running" />}
            {step && txHash && <p className="text-xs text-muted-foreground">Transaction <code className="break-all">{txHash}</code></p>}
            {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
            <div className="flex flex-wrap gap-2">
              {WALLETS.map((w) => (
                <Button key={w.id} variant="destructive" onClick={() => cancel(w.id)} disabled={step !== null}>Cancel with {w.name}</Button>
              ))}
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
