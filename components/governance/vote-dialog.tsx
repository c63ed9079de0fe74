'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { fetchJson } from '@/components/api/fetch-json';
import { WALLETS } from '@/components/wallet/wallets';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { StepList } from '@/components/ui/step-list';
import { formatTrq } from '@/lib/governance/trq-amount';
import { SUPPORTS, voteMessage, type Support } from '@/lib/governance/vote-message';
import { WalletError } from '@/lib/wallet/adapter';

type Step = 'choose' | 'connecting' | 'signing' | 'sending' | 'done';
const STEPS = [
  { id: 'connecting', label: 'Connect the wallet linked to your account' },
  { id: 'signing', label: 'Sign the vote message (SEP-53) — no transaction, no fee' },
  { id: 'sending', label: 'Traqora verifies the signature and counts your vote' },
] as const;
const LABEL: Record<Support, string> = { for: 'For', against: 'Against', abstain: 'Abstain' };

// The vote dialog: choice and reason, then the wallet signs the exact message the server will
// check (lib/governance/vote-message.ts), then the signed vote is posted.
export function VoteDialog({ proposal, power, wallets, networkPassphrase }: { proposal: number; power: string; wallets: string[]; networkPassphrase: string }) {
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [support, setSupport] = React.useState<Support | null>(null);
  const [reason, setReason] = React.useState('');
  const [step, setStep] = React.useState<Step>('choose');
  const [error, setError] = React.useState<string | null>(null);
  const signers = WALLETS.filter((w) => w.signMessage);

  const cast = async (walletId: string) => {
    const wallet = signers.find((w) => w.id === walletId)!;
    setError(null);
    try {
      setStep('connecting');
      if (!(await wallet.isAvailable())) throw new WalletError(`${wallet.name} is not installed in this browser.`, 'not_installed');
      const address = await wallet.getAddress();
      if (!wallets.includes(address)) throw new WalletError(`${wallet.name} is on ${address.slice(0, 6)}…, which is not linked to your account. Link it on the Wallet page, or switch accounts.`, 'failed');
      setStep('signing');
      const text = reason.trim() || null;
      const message = voteMessage({ network: networkPassphrase, origin: window.location.origin, proposal, support: support!, reason: text, voter: address, issued_at: new Date().toISOString() });
      const { signedMessage } = await wallet.signMessage!(message, { networkPassphrase, address });
      setStep('sending');
      await fetchJson(`/api/v1/governance/proposals/${proposal}/votes`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ support, reason: text, address, message, signature: signedMessage }),
      });
      setStep('done');
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
      setStep('choose');
    }
  };

  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) { setStep('choose'); setError(null); } }}>
      <DialogTrigger asChild><Button size="lg">Vote</Button></DialogTrigger>
      <DialogContent>
        <DialogTitle>Vote on proposal {proposal}</DialogTitle>
        <DialogDescription>Your voting power at the snapshot: <strong>{formatTrq(power)}</strong>. One vote per account; it cannot be changed.</DialogDescription>
        {step === 'done' ? (
          <p role="status" className="text-sm">Your vote is counted. Its receipt is in the votes table.</p>
        ) : (
          <div className="flex flex-col gap-4">
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-medium">Your vote</legend>
              <div className="grid grid-cols-3 gap-2">
                {SUPPORTS.map((s) => (
                  <Button key={s} variant={support === s ? 'default' : 'outline'} aria-pressed={support === s} onClick={() => setSupport(s)} disabled={step !== 'choose'}>{LABEL[s]}</Button>
                ))}
              </div>
            </fieldset>
            <Field id="vote-reason" label="Reason (optional)" hint={`${reason.length} / 5,000 characters`}>
              <textarea className="min-h-20 rounded-md border border-input bg-card px-3 py-2 text-sm" maxLength={5000} value={reason} onChange={(e) => setReason(e.target.value)} disabled={step !== 'choose'} />
            </Field>
            {step !== 'choose' && <StepList label="Signing your vote" steps={STEPS} at={STEPS.findIndex((s) => s.id === step)} status="running" />}
            {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
            <div className="flex flex-wrap gap-2">
              {signers.map((w) => (
                <Button key={w.id} onClick={() => cast(w.id)} disabled={!support || step !== 'choose'}>Sign with {w.name}</Button>
              ))}
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
