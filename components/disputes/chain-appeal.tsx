'use client';

import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Loader2Icon, ScaleIcon } from 'lucide-react';
import type { AppealTerms } from '@/lib/disputes/chain/appeal';
import type { ChainDisputeRecord, Dispute } from '@/lib/disputes/types';
import type { ChainJuryStep } from '@/lib/disputes/chain/wallet';
import { fetchJson } from '@/components/api/fetch-json';
import { Countdown } from '@/components/booking/countdown';
import { Button } from '@/components/ui/button';
import { bookingKey } from '@/components/trips/use-booking';
import { tokenAmount } from './chain-settlements';
import { bookingDisputesKey } from './use-disputes';
import { pickWallet } from './pick-wallet';

// The traveller's appeal of an on-chain verdict that went to the airline: during the contract's
// appeal window, the contract's terms (the appeal stake, the window's countdown) and one
// signature in the wallet; the server checks the signed `appeal` before it sends it. The
// contract lets only the losing side appeal, once.

const STEP: Record<ChainJuryStep, string> = {
  connecting: 'Opening your wallet…', building: 'Preparing the appeal…', signing: 'Sign in your wallet…', submitted: 'Sent…',
  confirming: 'Traqora is checking and sending it…', confirmed: 'Appealed.',
};

/** Whether the passenger may appeal now: round 1 decided for the airline, the appeal window still open. */
export function passengerMayAppeal(c: ChainDisputeRecord, now: number): boolean {
  return c.status === 'decided' && c.round < 2 && c.verdict === 'release' && c.appeal_deadline !== null && Date.parse(c.appeal_deadline) > now;
}

export function ChainAppeal({ disputeId, pnr, currency, now }: { disputeId: string; pnr: string; currency: string; now: number }) {
  const queryClient = useQueryClient();
  const [step, setStep] = React.useState<ChainJuryStep | null>(null);
  const terms = useQuery({
    queryKey: ['disputes', 'chain-appeal', disputeId],
    queryFn: () => fetchJson<AppealTerms>(`/api/v1/disputes/chain/appeal?id=${disputeId}`),
    retry: false,
  });
  const appeal = useMutation({
    mutationFn: async () => {
      const t = terms.data!;
      // The Stellar SDK (~650 KB) loads on use: imported with the module, it was a 250 ms task on every trip page's phone load (#15).
      const { appealOnChain } = await import('@/lib/disputes/chain/wallet');
      return (await appealOnChain(await pickWallet(), { contractId: t.contract_id, rpcUrl: t.rpc_url, networkPassphrase: t.network_passphrase },
        { disputeId, chainDisputeId: t.chain_dispute_id }, { onProgress: (s) => setStep(s) })) as { data: Dispute };
    },
    onSuccess: ({ data }) => {
      queryClient.setQueryData(bookingDisputesKey(pnr), data);
      void queryClient.invalidateQueries({ queryKey: bookingKey(pnr) });
    },
  });
  return (
    <section aria-labelledby={`chain-appeal-${disputeId}`} className="flex flex-col gap-2 rounded-lg border p-3 text-sm">
      <h3 id={`chain-appeal-${disputeId}`} className="font-semibold">Appeal to a larger jury</h3>
      {terms.isPending && <p>Reading the disputes contract…</p>}
      {terms.isError && <p role="alert" className="text-destructive">{terms.error.message}</p>}
      {terms.data && (
        <>
          <p>
            The jury sided with the airline. You may appeal once: a new round opens for TRQ holders, and you stake{' '}
            <strong>{tokenAmount(terms.data.appeal_stake)} {currency}</strong> from your wallet. If the new jury agrees with you, the stake comes back less
            the jurors&apos; share; otherwise it goes to the jurors. The appeal round&apos;s verdict is final.
          </p>
          {terms.data.appeal_deadline && <Countdown until={terms.data.appeal_deadline} now={now} label="Appeal window closes in" className="w-fit" />}
          {step && appeal.isPending && <p role="status">{STEP[step]}</p>}
          {appeal.isError && <p role="alert" className="text-destructive">{appeal.error.message}</p>}
          <Button className="w-fit" onClick={() => appeal.mutate()} disabled={appeal.isPending || !terms.data.open}>
            {appeal.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <ScaleIcon aria-hidden="true" />} Appeal to a larger jury
          </Button>
        </>
      )}
    </section>
  );
}
