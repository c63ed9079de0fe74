'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { Loader2Icon } from 'lucide-react';
import type { CancellationQuote } from '@/lib/bookings/types';
import { cancelBooking, quoteBookingCancellation } from '@/lib/admin/booking-actions';
import { money } from '@/components/flights/format';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';

/**
 * Cancel on the traveller's behalf: opening asks for a quote (what the fare's rules refund
 * now); confirming needs a reason, which goes into the audit trail with the cancellation.
 */
export function CancelBookingDialog({ pnr }: { pnr: string }) {
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [quote, setQuote] = React.useState<CancellationQuote | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [reasonError, setReasonError] = React.useState<string | null>(null);
  const [pending, startTransition] = React.useTransition();

  const onOpen = (next: boolean) => {
    setOpen(next);
    setError(null);
    setReasonError(null);
    if (!next) return setQuote(null);
    startTransition(async () => {
      const res = await quoteBookingCancellation(null, { pnr });
      if (res.ok) setQuote(res.data);
      else setError(res.problem.detail ?? 'The quote could not be made.');
    });
  };

  const confirm = (form: FormData) => {
    if (!quote) return;
    startTransition(async () => {
      const res = await cancelBooking(null, { pnr, quote_id: quote.id, reason: String(form.get('reason') ?? '') });
      if (res.ok) {
        setOpen(false);
        router.refresh();
        return;
      }
      const field = res.problem.errors?.find((e) => e.field === 'reason');
      if (field) setReasonError(`Reason ${field.message}`);
      else setError(res.problem.detail ?? 'The booking could not be cancelled.');
    });
  };

  return (
    <Dialog open={open} onOpenChange={onOpen}>
      <DialogTrigger asChild>
        <Button variant="destructive">Cancel booking</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Cancel {pnr} for the traveller</DialogTitle>
          <DialogDescription>The fare’s rules decide the refund. Your reason is recorded in the audit log.</DialogDescription>
        </DialogHeader>
        {error && <Banner variant="error" title="Not cancelled">{error}</Banner>}
        {!quote && !error && <p className="flex items-center gap-2 text-sm"><Loader2Icon className="size-4 animate-spin" aria-hidden="true" /> Getting a quote…</p>}
        {quote && (
          <form action={confirm} className="flex flex-col gap-4">
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt className="text-muted-foreground">Refund</dt>
              <dd className="font-medium tabular-nums">{money(quote.refund_minor, quote.currency, { cents: true })}</dd>
              <dt className="text-muted-foreground">Kept (fare rules)</dt>
              <dd className="tabular-nums">{money(quote.penalty_minor, quote.currency, { cents: true })}</dd>
              <dt className="text-muted-foreground">Why</dt>
              <dd>{quote.reason}</dd>
            </dl>
            <div className="flex flex-col gap-1.5">
              <label htmlFor="cancel-reason" className="text-sm font-medium">Reason for cancelling</label>
              <textarea id="cancel-reason" name="reason" required minLength={3} maxLength={500} rows={3}
                aria-invalid={reasonError ? true : undefined} aria-describedby={reasonError ? 'cancel-reason-error' : undefined}
                className="rounded-md border border-input bg-card px-3 py-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/40" />
              {reasonError && <p id="cancel-reason-error" className="text-sm text-destructive">{reasonError}</p>}
            </div>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => onOpen(false)}>Keep booking</Button>
              <Button type="submit" variant="destructive" disabled={pending}>
                {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />} Cancel and refund {money(quote.refund_minor, quote.currency, { cents: true })}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
