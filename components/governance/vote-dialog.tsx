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
import { voteOnChain, type ChainVoteStep, type GovernorTarget } from '@/lib/governance/soroban/vote-with-wallet';
import { WalletError, type WalletAdapter } from '@/lib/wallet/adapter';

type Step = 'choose' | 'connecting' | 'signing' | 'sending' | 'done';
const STEPS = [
  { id: 'connecting', label: 'Connect the wallet linked to your account' },
  { id: 'signing', label: 'Sign the vote message (SEP-53) — no transaction, no fee' },
  { id: 'sending', label: 'Traqora verifies the signature and counts your vote' },
] as const;
// On the soroban rail the vote is a `cast_vote` transaction on the governor contract.
const CHAIN_STEPS = [
  { id: 'connecting', label: 'Connect the wallet linked to your account' },
  { id: 'building', label: 'Build cast_vote from the governor\'s interface and check it with the network' },
  { id: 'signing', label: 'Sign the transaction in your wallet (a network fee in XLM)' },
  { id: 'submitted', label: 'Send it to the network' },
  { id: 'confirming', label: 'Traqora reads it from the chain and counts the governor\'s weight' },
] as const;
const LABEL: Record<Support, string> = { for: 'For', against: 'Against', abstain: 'Abstain' };

/** Where an on-chain vote goes (soroban rail); absent: the vote is a SEP-53 signed message. */
export type ChainVoteTarget = Omit<GovernorTarget, 'proposal'>;

// The vote dialog: choice and reason, then either the wallet signs the exact message the server
// will check (lib/governance/vote-message.ts) and the signed vote is posted, or — for a proposal
// on the governor contract — the wallet signs and sends `cast_vote` and Traqora confirms it from
// the chain (lib/governance/soroban/vote-with-wallet.ts).
export function VoteDialog({ proposal, power, wallets, networkPassphrase, chain }: {
  proposal: number; power: string | null; wallets: string[]; networkPassphrase: string; chain?: ChainVoteTarget;
}) {
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [support, setSupport] = React.useState<Support | null>(null);
  const [reason, setReason] = React.useState('');
  const [step, setStep] = React.useState<Step | ChainVoteStep>('choose');
  const [txHash, setTxHash] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const signers = chain ? WALLETS : WALLETS.filter((w) => w.signMessage);
  const steps = chain ? CHAIN_STEPS : STEPS;

  const linkedAddress = async (wallet: WalletAdapter) => {
    if (!(await wallet.isAvailable())) throw new WalletError(`${wallet.name} is not installed in this browser.`, 'not_installed');
    const address = await wallet.getAddress();
    if (!wallets.includes(address)) throw new WalletError(`${wallet.name} is on ${address.slice(0, 6)}…, which is not linked to your account. Link it on the Wallet page, or switch accounts.`, 'failed');
    return address;
  };

  const castSigned = async (wallet: WalletAdapter) => {
    setStep('connecting');
    const address = await linkedAddress(wallet);
    setStep('signing');
    const text = reason.trim() || null;
    const message = voteMessage({ network: networkPassphrase, origin: window.location.origin, proposal, support: support!, reason: text, voter: address, issued_at: new Date().toISOString() });
    const { signedMessage } = await wallet.signMessage!(message, { networkPassphrase, address });
    setStep('sending');
    await fetchJson(`/api/v1/governance/proposals/${proposal}/votes`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ support, reason: text, address, message, signature: signedMessage }),
    });
  };

  const castOnChain = async (wallet: WalletAdapter, target: ChainVoteTarget) => {
    setStep('connecting');
    await linkedAddress(wallet);   // before anything is signed: a vote Traqora cannot count is not sent
    await voteOnChain(wallet, { ...target, proposal }, { support: support!, reason: reason.trim() || null }, {
      onProgress: (s, hash) => { setStep(s); if (hash) setTxHash(hash); },
    });
  };

  const cast = async (walletId: string) => {
    const wallet = signers.find((w) => w.id === walletId)!;
    setError(null);
    setTxHash(null);
    try {
      if (chain) await castOnChain(wallet, chain);
      else await castSigned(wallet);
      // the page refreshes when the dialog closes: refreshed now, the page (which offers the
      // dialog only to those who have not voted) would take the confirmation away with it
      setStep('done');
    } catch (e) {
      setError((e as Error).message);
      setStep('choose');
    }
  };

  const at = steps.findIndex((s) => s.id === (step === 'confirmed' ? 'confirming' : step));
  return (
    <Dialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) { if (step === 'done') router.refresh(); setStep('choose'); setError(null); } }}>
      <DialogTrigger asChild><Button size="lg">{chain ? 'Vote on chain' : 'Vote'}</Button></DialogTrigger>
      <DialogContent>
        <DialogTitle>Vote on proposal {proposal}</DialogTitle>
        <DialogDescription>
          {power !== null ? <>Your voting power at the snapshot: <strong>{formatTrq(power)}</strong>. </> : <>The governor weighs your vote by your wallet&apos;s TRQ votes at the snapshot. </>}
          One vote per account; it cannot be changed.
        </DialogDescription>
        {step === 'done' ? (
          <p role="status" className="text-sm">
            Your vote is counted. {chain && txHash ? <>Transaction <code className="break-all text-xs">{txHash}</code>. </> : null}Its receipt is in the votes table.
          </p>
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
            {step !== 'choose' && <StepList label={chain ? 'Sending your vote to the governor' : 'Signing your vote'} steps={steps} at={Math.max(at, 0)} status="running" />}
            {step !== 'choose' && txHash && <p className="text-xs text-muted-foreground">Transaction <code className="break-all">{txHash}</code></p>}
            {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
            <div className="flex flex-wrap gap-2">
              {signers.map((w) => (
                <Button key={w.id} onClick={() => cast(w.id)} disabled={!support || step !== 'choose'}>{chain ? `Send with ${w.name}` : `Sign with ${w.name}`}</Button>
              ))}
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
