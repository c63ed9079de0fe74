'use client';

import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LinkIcon, Loader2Icon } from 'lucide-react';
import type { Booking } from '@/lib/bookings/types';
import type { ChainFilingTerms } from '@/lib/disputes/chain/terms';
import type { Dispute } from '@/lib/disputes/types';
import type { ChainJuryStep } from '@/lib/disputes/chain/wallet';
import { fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { bookingKey } from '@/components/trips/use-booking';
import { tokenAmount } from './chain-settlements';
import { bookingDisputesKey } from './use-disputes';
import { pickWallet } from './pick-wallet';

// Filing with the on-chain jury (a booking paid on chain): the disputes contract's stake and
// windows, a statement, and one signature in the wallet; the server checks the signed
// transaction before it sends it. The app's jury (split refunds, with support first) stays the
// other choice, offered beside this one.

const STEP: Record<ChainJuryStep, string> = {
  connecting: 'Opening your wallet…', building: 'Preparing the filing…', signing: 'Sign in your wallet…', submitted: 'Sent…',
  confirming: 'Traqora is checking and sending it…', confirmed: 'Filed.',
};
const hours = (s: number) => (s >= 3600 ? `${Math.round(s / 3600)} h` : `${Math.max(1, Math.round(s / 60))} min`);

export function ChainFile({ booking }: { booking: Booking }) {
  const queryClient = useQueryClient();
  const [expanded, setExpanded] = React.useState(false);
  const [step, setStep] = React.useState<ChainJuryStep | null>(null);
  const terms = useQuery({
    queryKey: ['disputes', 'chain-terms', booking.pnr],
    queryFn: () => fetchJson<ChainFilingTerms>(`/api/v1/disputes/chain/terms?pnr=${booking.pnr}`),
    enabled: expanded, retry: false,
  });
  const file = useMutation({
    mutationFn: async (reason: string) => {
      const t = terms.data!;
      // The Stellar SDK (~650 KB) loads on use: imported with the module, it was a 250 ms task on every trip page's phone load (#15).
      const { fileOnChain } = await import('@/lib/disputes/chain/wallet');
      return (await fileOnChain(await pickWallet(), { contractId: t.contract_id, rpcUrl: t.rpc_url, networkPassphrase: t.network_passphrase },
        { pnr: booking.pnr, reason, chainBookingId: t.chain_booking_id }, { onProgress: (s) => setStep(s) })) as { data: Dispute };
    },
    onSuccess: ({ data }) => {
      queryClient.setQueryData(bookingDisputesKey(booking.pnr), data);
      void queryClient.invalidateQueries({ queryKey: bookingKey(booking.pnr) });
    },
  });

  if (!expanded) {
    return (
      <Button variant="outline" className="w-fit" onClick={() => setExpanded(true)}>
        <LinkIcon aria-hidden="true" /> File with the on-chain jury
      </Button>
    );
  }
  return (
    <section aria-labelledby="chain-file-title" className="flex flex-col gap-3 rounded-xl border bg-card p-4 text-sm">
      <h2 id="chain-file-title" className="text-lg font-semibold">File {booking.pnr} with the on-chain jury</h2>
      <p className="text-muted-foreground">
        TRQ holders decide on chain between a full refund and full payment to the airline. You stake from your wallet; if the jury agrees with you,
        the stake comes back less the jurors&apos; share, otherwise it goes to the jurors. For a partial refund, open a dispute with support instead.
      </p>
      {terms.isPending && <p>Reading the disputes contract…</p>}
      {terms.isError && <p role="alert" className="text-destructive">{terms.error.message}</p>}
      {terms.data && (
        <form className="flex flex-col gap-3" onSubmit={(e) => { e.preventDefault(); file.mutate(String(new FormData(e.currentTarget).get('reason') ?? '')); }}>
          <p>
            Stake {tokenAmount(terms.data.filing_stake)} {booking.price.currency}. Jurors commit for {hours(terms.data.commit_period)}, reveal for{' '}
            {hours(terms.data.reveal_period)}; the other side may appeal for {hours(terms.data.appeal_window)} after the tally.
          </p>
          <Field id="chain-file-reason" label="What happened?" hint="10 to 2,000 characters. Its sha256 goes on chain as your first evidence.">
            <textarea name="reason" required minLength={10} maxLength={2000} rows={4}
              className="rounded-md border border-input bg-background px-3 py-2 text-sm shadow-xs focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none" />
          </Field>
          {step && file.isPending && <p role="status">{STEP[step]}</p>}
          {file.isError && <p role="alert" className="text-destructive">{file.error.message}</p>}
          <div className="flex gap-2">
            <Button type="submit" disabled={file.isPending}>
              {file.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Sign and file from your wallet
            </Button>
            <Button type="button" variant="ghost" onClick={() => setExpanded(false)}>Not now</Button>
          </div>
        </form>
      )}
    </section>
  );
}
