'use client';

import * as React from 'react';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { WALLETS } from '@/components/wallet/wallets';
import { Button } from '@/components/ui/button';
import { StepList } from '@/components/ui/step-list';
import { proposeOnChain, type PreparedProposal } from '@/lib/governance/soroban/propose-with-wallet';
import type { ChainVoteStep } from '@/lib/governance/soroban/vote-with-wallet';
import { WalletError } from '@/lib/wallet/adapter';

export interface ProposalFields { kind: 'signal' | 'parameter'; title: string; body: string; changes: Array<{ key: string; value: number }> }

const STEPS = [
  { id: 'connecting', label: 'Connect the wallet linked to your account; Traqora checks the proposal' },
  { id: 'building', label: 'Build propose from the governor\'s interface and check it with the network' },
  { id: 'signing', label: 'Sign the transaction in your wallet (a network fee in XLM)' },
  { id: 'submitted', label: 'Send it to the network' },
  { id: 'confirming', label: 'Traqora reads it from the chain and lists the proposal' },
] as const;

/** Reports the propose transaction until the server has read it (202 = not yet). */
async function confirmWithServer(fields: ProposalFields, txHash: string, address: string): Promise<{ id: number }> {
  for (let i = 0; i < 12; i++) {
    const res = await fetch('/api/v1/governance/proposals/chain', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...fields, address, tx_hash: txHash }),
    });
    if (res.status === 201) return res.json();
    if (res.status !== 202) {
      const body = await res.json().catch(() => null);
      throw new ApiError(res.status, (body && typeof body.detail === 'string' && body.detail) || 'Traqora could not confirm the proposal.', body ?? {});
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
  throw new Error('The proposal is on its way but not confirmed yet; it appears in the list once Traqora has read it.');
}

// The create form's last step on the soroban rail: the proposer's wallet proposes on the governor
// what Traqora prepared from the form (lib/governance/soroban/propose-with-wallet.ts), with the
// wallet steps and their progress. Field problems come back named, as from the server action.
export function ChainPropose({ fields, wallets, disabled, onDone, onProblem }: {
  fields: () => ProposalFields; wallets: string[]; disabled: boolean;
  onDone: (id: number) => void; onProblem: (errors: Record<string, string>, message: string) => void;
}) {
  const [step, setStep] = React.useState<ChainVoteStep | null>(null);
  const [txHash, setTxHash] = React.useState<string | null>(null);

  const propose = async (walletId: string) => {
    const wallet = WALLETS.find((w) => w.id === walletId)!;
    const input = fields();
    setTxHash(null);
    try {
      const { result } = await proposeOnChain(wallet,
        async (address) => {
          if (!wallets.includes(address)) throw new WalletError(`${wallet.name} is on ${address.slice(0, 6)}…, which is not linked to your account. Link it on the Wallet page, or switch accounts.`, 'failed');
          return fetchJson<PreparedProposal>('/api/v1/governance/proposals/chain', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...input, address }) });
        },
        (hash, address) => confirmWithServer(input, hash, address),
        { onProgress: (s, hash) => { setStep(s); if (hash) setTxHash(hash); } });
      onDone((result as { id: number }).id);
    } catch (e) {
      setStep(null);
      const problem = e instanceof ApiError ? e.problem : null;
      onProblem(Object.fromEntries((problem?.errors ?? []).map((x) => [x.field, x.message])), (e as Error).message);
    }
  };

  const at = STEPS.findIndex((s) => s.id === (step === 'confirmed' ? 'confirming' : step));
  return (
    <div className="flex flex-col gap-3">
      {step && <StepList label="Proposing on the governor" steps={STEPS} at={Math.max(at, 0)} status="running" />}
      {txHash && <p className="text-xs text-muted-foreground">Transaction <code className="break-all">{txHash}</code></p>}
      <div className="flex flex-wrap gap-2">
        {WALLETS.map((w) => (
          <Button key={w.id} type="button" size="lg" disabled={disabled || step !== null} onClick={() => propose(w.id)}>Propose with {w.name}</Button>
        ))}
      </div>
    </div>
  );
}
