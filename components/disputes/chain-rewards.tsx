'use client';

import { useMutation } from '@tanstack/react-query';
import { CoinsIcon, Loader2Icon } from 'lucide-react';
import type { ChainReward } from '@/lib/disputes/chain/rewards';
import { claimOnChain } from '@/lib/disputes/chain/wallet';
import type { ContractTarget } from '@/lib/wallet/contract-client';
import { Button } from '@/components/ui/button';
import { tokenAmount } from './chain-settlements';
import { pickWallet } from './pick-wallet';

// A majority juror's rewards on an on-chain case: per tallied round their share of the pot (the
// contract's rule, read from its round result), claimed with one signature (`claim_reward`, judged
// and sent by the server); once the claim is indexed, the amount with its transaction.

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

export function ChainRewards({ rewards, chainDisputeId, target, currency, onClaimed }: {
  rewards: ChainReward[]; chainDisputeId: string; target: ContractTarget; currency: string; onClaimed: () => void;
}) {
  if (rewards.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      <h4 className="font-medium">Your rewards</h4>
      <ul className="flex flex-col gap-2">
        {rewards.map((r) => <RewardRow key={`${r.round}-${r.juror}`} reward={r} chainDisputeId={chainDisputeId} target={target} currency={currency} onClaimed={onClaimed} />)}
      </ul>
    </div>
  );
}

function RewardRow({ reward: r, chainDisputeId, target, currency, onClaimed }: {
  reward: ChainReward; chainDisputeId: string; target: ContractTarget; currency: string; onClaimed: () => void;
}) {
  const claim = useMutation({
    mutationFn: async () => (await claimOnChain(await pickWallet(), target, { chainDisputeId, round: r.round })) as { data: { amount: string; tx_hash: string } },
    onSuccess: onClaimed,
  });
  const amount = `${tokenAmount(r.amount)} ${currency}`;
  if (r.claimed) {
    return (
      <li className="flex flex-col gap-0.5">
        <span>Round {r.round} · {short(r.juror)}: <strong>{amount} claimed</strong></span>
        {r.claimed.tx_hash && <span className="font-mono text-xs break-all text-muted-foreground">tx {r.claimed.tx_hash}</span>}
      </li>
    );
  }
  return (
    <li className="flex flex-col gap-1">
      {claim.isSuccess ? (
        <p role="status" className="text-success">
          {tokenAmount(claim.data.data.amount)} {currency} claimed (transaction {claim.data.data.tx_hash.slice(0, 12)}…).
        </p>
      ) : (
        <Button type="button" size="sm" className="h-auto w-fit max-w-full py-1.5 text-left whitespace-normal" onClick={() => claim.mutate()} disabled={claim.isPending}>
          {claim.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <CoinsIcon aria-hidden="true" />} Claim reward · {amount} (round {r.round}, {short(r.juror)})
        </Button>
      )}
      {claim.isError && <p role="alert" className="text-destructive">{claim.error.message}</p>}
    </li>
  );
}
