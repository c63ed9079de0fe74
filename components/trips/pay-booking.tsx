'use client';

import * as React from 'react';
import Link from 'next/link';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CheckCircle2Icon, CircleIcon, Loader2Icon, ShieldCheckIcon } from 'lucide-react';
import type { Booking } from '@/lib/bookings/types';
import type { RailDescription } from '@/lib/payments/rail';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';
import { clock, dateIn, money, plural } from '@/components/flights/format';
import { useNow } from '@/components/ui/use-now';
import { Countdown } from '@/components/booking/countdown';
import { lastSearchHref } from '@/components/booking/offer-types';
import { fareLines, type PriceLine } from '@/components/booking/price-lines';
import { BadgeUpgrade } from '@/components/loyalty/badge-upgrade';
import { EarnPreview } from '@/components/loyalty/earn-preview';
import { PointsNotTaken } from '@/components/loyalty/points-not-taken';
import { RedeemPoints, usePaymentQuote } from '@/components/loyalty/redeem-points';
import { PriceBreakdown } from '@/components/booking/price-breakdown';
import { ChainPay } from './chain-pay';
import { bookingKey, useBooking } from './use-booking';

type Step = 'held' | 'paying' | 'confirmed';

function Progress({ step }: { step: Step }) {
  const steps: { id: Step; label: string }[] = [
    { id: 'held', label: 'Seats held' },
    { id: 'paying', label: 'Paying into escrow' },
    { id: 'confirmed', label: 'Confirmed' },
  ];
  // Holding is done by the time this page shows; paying is the step in hand until confirmed.
  const at = step === 'confirmed' ? steps.length : 1;
  return (
    <ol aria-label="Booking progress" className="grid grid-cols-3 gap-2">
      {steps.map((s, i) => {
        const done = i < at;
        const current = i === at;
        return (
          <li
            key={s.id}
            aria-current={current ? 'step' : undefined}
            className={cn(
              'flex flex-col items-center gap-1 rounded-lg border px-2 py-3 text-center text-xs font-medium sm:flex-row sm:justify-center sm:text-sm',
              done && 'border-success/60 text-foreground',
              current && 'border-primary text-foreground',
              !done && !current && 'text-muted-foreground',
            )}
          >
            {done ? (
              <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" />
            ) : current && step === 'paying' ? (
              <Loader2Icon className="size-4 animate-spin text-primary" aria-hidden="true" />
            ) : (
              <CircleIcon className="size-4" aria-hidden="true" />
            )}
            {s.label}
            <span className="sr-only">{done ? ' (done)' : current ? ' (in progress)' : ''}</span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Payment of a held booking into escrow — from the Traqora wallet where Traqora holds the money
 * (the ledger rail), or signed by the traveller's Stellar wallet into the escrow contract (the
 * soroban rail) — then the confirmation with the PNR.
 */
export function PayBooking({ pnr, rail }: { pnr: string; rail: RailDescription }) {
  const { explorerUrl } = rail;
  const queryClient = useQueryClient();
  const booking = useBooking(pnr);
  const now = useNow(1000);
  const keyRef = React.useRef<string | null>(null);
  const headingRef = React.useRef<HTMLHeadingElement>(null);
  // Points chosen on the slider (where the rail takes points: from a Traqora wallet, or from a
  // Stellar wallet when the loyalty-liability account pays their part into the escrow).
  const [points, setPoints] = React.useState(0);
  const { takesPoints } = rail;
  const quote = usePaymentQuote(pnr, points, takesPoints && booking.data?.status === 'held');
  const quoted = quote.data && !quote.isPlaceholderData ? quote.data : undefined;
  const usedPoints = quoted?.loyalty?.points ?? 0;

  const pay = useMutation({
    mutationFn: () => {
      keyRef.current ??= crypto.randomUUID();
      return fetchJson<{ data: Booking }>(`/api/v1/bookings/${encodeURIComponent(pnr)}/payments`, {
        method: 'POST',
        headers: { 'idempotency-key': keyRef.current, ...(usedPoints > 0 && { 'content-type': 'application/json' }) },
        ...(usedPoints > 0 && { body: JSON.stringify({ points: usedPoints }) }),
      });
    },
    onSuccess: ({ data }) => {
      keyRef.current = null;
      queryClient.setQueryData(bookingKey(pnr), data);
      void queryClient.invalidateQueries({ queryKey: ['bookings'] });
      void queryClient.invalidateQueries({ queryKey: ['wallet'] });
      void queryClient.invalidateQueries({ queryKey: ['loyalty'] });
    },
    onError: (err) => {
      // A definite answer ends this action; a lost connection keeps the key for the retry.
      if (err instanceof ApiError && err.status > 0 && err.status < 500) keyRef.current = null;
      void booking.refetch();
    },
  });

  const b = booking.data;
  const confirmed = b?.status === 'paid' || b?.status === 'completed';
  React.useEffect(() => {
    if (confirmed) headingRef.current?.focus();
  }, [confirmed]);

  if (!b) {
    return (
      <QueryState
        query={booking}
        label="Loading the booking…"
        skeleton={<Skeleton className="h-72 w-full" />}
        failed="We couldn’t load this booking"
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/trips">Go to My trips</Link>
          </Button>
        }
      />
    );
  }

  const holdLeft = Date.parse(b.hold_expires_at) - now;
  const holdOver = b.status === 'expired' || (b.status === 'held' && holdLeft <= 0);
  const step: Step = confirmed ? 'confirmed' : pay.isPending ? 'paying' : 'held';
  const first = b.segments[0];
  const lastOut = b.segments.filter((s) => s.slice === first.slice).at(-1)!;
  const travellers = b.passengers.length;
  const paidTx = b.chain_payments?.find((p) => p.status === 'confirmed');
  // What is charged: the server's quote for the points chosen, or the booking's price.
  const shown = quote.data ?? null;
  const lines: PriceLine[] = shown
    ? shown.lines.map((l) => ({ id: l.kind === 'discount' ? 'points' : l.kind, label: l.kind === 'discount' ? 'Paid with points' : l.label, amount_minor: l.amount_minor, note: l.kind === 'discount' ? l.label : undefined }))
    : fareLines(b.price);
  const charge = shown?.amount_minor ?? b.price.total_minor;
  const settling = takesPoints && (quote.isFetching || quote.isPlaceholderData || points !== (quote.data?.loyalty?.points ?? 0));

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-5">
      <Progress step={step} />
      {confirmed ? (
        <Card>
          <CardHeader className="items-center text-center">
            <CheckCircle2Icon className="size-10 text-success" aria-hidden="true" />
            <CardTitle as="h2" className="text-2xl outline-none" ref={headingRef} tabIndex={-1}>
              Booking confirmed
            </CardTitle>
            <CardDescription>
              {money(b.price.total_minor, b.price.currency, { cents: true })} is in {b.payment_rail === 'soroban' ? 'the on-chain escrow contract' : 'escrow'}. The
              airline is paid after you fly.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col items-center gap-4 text-center">
            <div>
              <p className="text-sm text-muted-foreground">Booking reference (PNR)</p>
              <p className="font-mono text-4xl font-bold tracking-[0.2em]" data-testid="pnr">
                {b.pnr}
              </p>
            </div>
            <p className="text-sm">
              {first.origin.iata} → {lastOut.destination.iata} · {dateIn(first.departs_at, first.origin.time_zone, true)} at{' '}
              {clock(first.departs_at, first.origin.time_zone)} · {plural(travellers, 'passenger')}
            </p>
            {paidTx && (
              <p className="text-sm">
                Paid on Stellar in transaction <span className="font-mono">{paidTx.tx_hash.slice(0, 8)}…{paidTx.tx_hash.slice(-6)}</span>
                {explorerUrl && (
                  <>
                    {' · '}
                    <a href={`${explorerUrl}/tx/${paidTx.tx_hash}`} target="_blank" rel="noreferrer" className="font-medium text-primary underline underline-offset-2">
                      View on Stellar Expert<span className="sr-only"> (opens in a new tab)</span>
                    </a>
                  </>
                )}
              </p>
            )}
            <div className="flex flex-wrap justify-center gap-2">
              <Button asChild>
                <Link href={`/trips/${b.pnr}`}>View trip</Link>
              </Button>
              <Button asChild variant="outline">
                <Link href="/trips">My trips</Link>
              </Button>
            </div>
          </CardContent>
        </Card>
      ) : (
        <Card>
          <CardHeader>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <CardTitle as="h2">Pay into escrow</CardTitle>
              {b.status === 'held' && <Countdown until={b.hold_expires_at} now={now} label="Seats held for" />}
            </div>
            <CardDescription>
              Booking {b.pnr} · {first.origin.iata} → {lastOut.destination.iata} · {dateIn(first.departs_at, first.origin.time_zone, true)} ·{' '}
              {plural(travellers, 'passenger')} · {b.fare_family_name}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {b.status === 'held' && !holdOver && b.fare_family === 'basic' && (
              <BadgeUpgrade pnr={b.pnr} disabled={pay.isPending} onUpgraded={(upgraded) => queryClient.setQueryData(bookingKey(pnr), upgraded)} />
            )}
            {takesPoints && b.status === 'held' && !holdOver && (
              <RedeemPoints quote={quote.data} chosen={points} onChange={setPoints} disabled={pay.isPending} />
            )}
            {!takesPoints && b.status === 'held' && !holdOver && <PointsNotTaken />}
            <PriceBreakdown currency={b.price.currency} lines={lines} total={charge} totalLabel={usedPoints > 0 ? 'To pay' : 'Total'} />
            {b.status === 'held' && !holdOver && (
              <EarnPreview baseMinor={Math.max(0, b.price.base_minor - (quoted?.loyalty?.discount_minor ?? 0))} fareFamily={b.fare_family} currency={b.price.currency} />
            )}
            <p className="flex items-start gap-2 rounded-lg bg-muted p-3 text-sm">
              <ShieldCheckIcon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" />
              {rail.needsWalletSignature ? (
                <span>
                  Paid from your Stellar wallet into Traqora’s escrow contract, which no single party controls. The airline is paid after the flight;
                  if it’s cancelled, the contract refunds the paying account.
                </span>
              ) : (
                <span>
                  Paid from your Traqora wallet into escrow (the local ledger rail; a new wallet gets demo funds). The airline is paid after the flight;
                  if it’s cancelled, the escrow refunds you.
                </span>
              )}
            </p>
            {holdOver ? (
              <Banner
                variant="error"
                title="The seat hold has expired"
                action={
                  <Button asChild size="sm">
                    <Link href={lastSearchHref()}>Search again</Link>
                  </Button>
                }
              >
                These seats are released and this booking can’t be paid. Search again for current fares.
              </Banner>
            ) : b.status !== 'held' ? (
              <Banner variant="warning" title="This booking can’t be paid">
                It is {b.status}.
              </Banner>
            ) : rail.needsWalletSignature ? (
              <ChainPay booking={b} amountLabel={money(charge, b.price.currency, { cents: true })} points={usedPoints} disabled={settling} />
            ) : (
              <>
                {pay.isError && (
                  <Banner variant="error" title="Payment didn’t go through">
                    {pay.error.message}
                  </Banner>
                )}
                <Button size="lg" disabled={pay.isPending || settling} onClick={() => pay.mutate()}>
                  {pay.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
                  {pay.isPending
                    ? 'Paying into escrow…'
                    : `Pay ${money(charge, b.price.currency, { cents: true })}${usedPoints > 0 ? ` and ${usedPoints.toLocaleString('en-US')} points` : ''}`}
                </Button>
              </>
            )}
          </CardContent>
        </Card>
      )}
      <p className="sr-only" aria-live="polite">
        {step === 'paying' ? 'Paying into escrow…' : confirmed ? `Booking confirmed. Reference ${b.pnr}.` : ''}
      </p>
    </div>
  );
}
