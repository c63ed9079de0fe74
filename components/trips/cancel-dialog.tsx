'use client';

import * as React from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Loader2Icon } from 'lucide-react';
import type { Booking, CancellationQuote } from '@/lib/bookings/types';
import { fetchJson } from '@/components/api/fetch-json';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { money } from '@/components/flights/format';
import { useNow } from '@/components/ui/use-now';
import { Countdown } from '@/components/booking/countdown';
import { bookingKey } from './use-booking';

/**
 * Quote, then confirm (Duffel's order cancellation): opening the dialog asks for a quote — the
 * refund, the penalty, where the money goes and how long the quote holds — and only confirming
 * that quote cancels.
 */
export function CancelDialog({ booking, onCancelled }: { booking: Booking; onCancelled: (refund: number) => void }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const now = useNow(1000);
  const pnr = booking.pnr;

  const quote = useMutation({
    mutationFn: () =>
      fetchJson<{ data: CancellationQuote }>(`/api/v1/bookings/${pnr}/cancellation-quote`, { method: 'POST' }).then((r) => r.data),
  });
  const confirm = useMutation({
    mutationFn: (quoteId: string) =>
      fetchJson<{ data: { quote: CancellationQuote; booking: Booking } }>(`/api/v1/bookings/${pnr}/cancellation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ quote_id: quoteId }),
      }).then((r) => r.data),
    onSuccess: ({ quote: q, booking: b }) => {
      queryClient.setQueryData(bookingKey(pnr), b);
      void queryClient.invalidateQueries({ queryKey: ['bookings'] });
      void queryClient.invalidateQueries({ queryKey: ['wallet'] });
      setOpen(false);
      onCancelled(q.refund_minor);
    },
  });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) {
      confirm.reset();
      quote.mutate();
    }
  };

  const q = quote.data;
  const quoteExpired = q ? Date.parse(q.expires_at) <= now : false;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" className="border-destructive/60 text-destructive hover:bg-destructive/10 hover:text-destructive">
          Cancel booking
        </Button>
      </DialogTrigger>
      <DialogContent aria-describedby="cancel-description">
        <DialogHeader>
          <DialogTitle>Cancel booking {pnr}?</DialogTitle>
          <DialogDescription id="cancel-description">This is the refund you would get if you cancel now. Nothing changes until you confirm.</DialogDescription>
        </DialogHeader>
        {quote.isPending ? (
          <div className="flex flex-col gap-2" aria-busy="true">
            <p className="sr-only">Getting a refund quote…</p>
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-5 w-1/2" />
          </div>
        ) : quote.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {quote.error.message}
          </p>
        ) : q ? (
          <div className="flex flex-col gap-4">
            <dl className="grid grid-cols-[1fr_auto] gap-y-1.5 text-sm">
              <dt className="text-muted-foreground">You paid</dt>
              <dd className="text-right tabular-nums">{money(q.total_paid_minor, q.currency, { cents: true })}</dd>
              <dt className="text-muted-foreground">Cancellation fee</dt>
              <dd className="text-right tabular-nums">{q.penalty_minor ? `−${money(q.penalty_minor, q.currency, { cents: true })}` : money(0, q.currency)}</dd>
              <dt className="border-t pt-2 font-semibold">Refund</dt>
              <dd className="border-t pt-2 text-right text-lg font-semibold tabular-nums">{money(q.refund_minor, q.currency, { cents: true })}</dd>
            </dl>
            <p className="text-sm">
              {q.refund_to === 'wallet' && booking.payment_rail === 'soroban'
                ? 'The escrow contract sends the refund back to the Stellar account that paid, and the rest to the airline.'
                : q.refund_to === 'wallet'
                ? 'The refund goes from the escrow back to your Traqora wallet straight away.'
                : q.refund_minor
                  ? 'No refund is paid out.'
                  : 'Nothing is refunded.'}{' '}
              <span className="text-muted-foreground">{q.reason}</span>
            </p>
            <Countdown until={q.expires_at} now={now} label="Quote valid for" className="w-fit" />
            {confirm.isError && (
              <p role="alert" className="text-sm text-destructive">
                {confirm.error.message}
              </p>
            )}
          </div>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Keep booking
          </Button>
          {quoteExpired ? (
            <Button onClick={() => quote.mutate()}>Get a new quote</Button>
          ) : (
            <Button variant="destructive" disabled={!q || confirm.isPending} onClick={() => q && confirm.mutate(q.id)}>
              {confirm.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              {q && q.refund_minor ? `Cancel and refund ${money(q.refund_minor, q.currency)}` : 'Confirm cancellation'}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
