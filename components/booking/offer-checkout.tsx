'use client';

import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { AlertTriangleIcon, ArrowLeftIcon, CheckCircle2Icon, SearchIcon } from 'lucide-react';
import type { Booking } from '@/lib/bookings/types';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Skeleton } from '@/components/ui/skeleton';
import { CABIN_LABEL, dateIn, dayIn, duration, money, passengerMix } from '@/components/flights/format';
import { FareConditionList, SegmentList, airportName } from '@/components/flights/itinerary';
import { useNow } from '@/components/ping/use-now';
import { Countdown } from './countdown';
import { lastSearchHref, offerHref, offerIdTotal, searchAgainHref, type RepricedOffer } from './offer-types';
import { PassengerForm, type BookingBody, type Trip } from './passenger-form';
import { SignInPrompt } from './sign-in-prompt';

const FAMILY_LABEL: Record<string, string> = { basic: 'Basic', standard: 'Standard', flex: 'Flex' };

interface PriceChange {
  previous: number;
  price: { currency: string; total_minor: number; base_minor: number; taxes_minor: number };
  offerId: string;
  body: BookingBody;
}

/**
 * Offer review and passenger details (Duffel's "get an accurate price before booking"): the
 * offer is repriced on arrival, shows its itinerary, conditions and price with the time left,
 * and can't be booked once expired. Booking holds the seats and moves on to payment.
 */
export function OfferCheckout({
  offerId,
  signedIn,
  email,
  devPersonas,
  clerk,
}: {
  offerId: string;
  signedIn: boolean;
  email: string;
  devPersonas: boolean;
  clerk: boolean;
}) {
  const router = useRouter();
  const now = useNow(1000);
  const offer = useQuery({
    queryKey: ['offer', offerId],
    queryFn: ({ signal }) => fetchJson<{ data: RepricedOffer }>(`/api/v1/offers/${encodeURIComponent(offerId)}`, { signal }).then((r) => r.data),
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 1,
    staleTime: Infinity,
  });
  // One key per "Book" action: a retry after a network failure reuses it, so the server holds seats only once.
  const keyRef = React.useRef<string | null>(null);
  const [priceChange, setPriceChange] = React.useState<PriceChange | null>(null);
  const [problem, setProblem] = React.useState<{ message: string; final: boolean } | null>(null);

  const book = useMutation({
    mutationFn: ({ id, body }: { id: string; body: BookingBody }) => {
      keyRef.current ??= crypto.randomUUID();
      return fetchJson<{ data: Booking }>('/api/v1/bookings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': keyRef.current },
        body: JSON.stringify({ offer_id: id, ...body }),
      });
    },
  });

  const submit = (id: string, body: BookingBody, setServerErrors?: (e: { field: string; message: string }[]) => string[]) => {
    setProblem(null);
    book.mutate(
      { id, body },
      {
        onSuccess: ({ data }) => {
          keyRef.current = null;
          router.push(`/trips/${data.pnr}/pay`);
        },
        onError: (err) => {
          if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) {
            setProblem({ message: `${err.message} Your details are kept; try again.`, final: false });
            return; // keep the key: the retry is the same action
          }
          keyRef.current = null;
          const p = err.problem;
          if (err.status === 409 && p.code === 'price_changed' && typeof p.repriced_offer_id === 'string') {
            setPriceChange({ previous: Number(p.previous_total_minor), price: p.price as PriceChange['price'], offerId: p.repriced_offer_id, body });
          } else if (err.status === 400 && p.errors?.length && setServerErrors) {
            const rest = setServerErrors(p.errors);
            if (rest.length) setProblem({ message: rest.join(' '), final: false });
          } else if (err.status === 401) {
            setProblem({ message: 'Your session ended. Sign in again to book.', final: false });
          } else {
            setProblem({ message: err.message, final: err.status === 410 || err.status === 409 });
          }
        },
      },
    );
  };

  if (offer.isPending) {
    return (
      <div className="flex flex-col gap-4" aria-busy="true">
        <p className="sr-only">Checking the latest price…</p>
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }

  if (offer.isError) {
    const err = offer.error;
    const expired = err instanceof ApiError && err.status === 410;
    return (
      <Notice
        title={expired ? 'This offer has expired' : err instanceof ApiError && err.status === 400 ? 'This offer link isn’t valid' : 'We couldn’t load this offer'}
        body={expired ? 'Offers are held for 20 minutes and prices move. Search again for the current fares.' : err.message}
        searchHref={lastSearchHref()}
        onRetry={expired || (err instanceof ApiError && err.status === 400) ? undefined : () => void offer.refetch()}
      />
    );
  }

  const o = offer.data;
  const expired = Date.parse(o.expires_at) <= now;
  const again = searchAgainHref(o);
  const segments = o.slices_detail.flat();
  const trip: Trip | null = segments.length
    ? {
        firstDay: dayIn(segments[0].departs_at, segments[0].origin.time_zone),
        lastDay: dayIn(segments[segments.length - 1].departs_at, segments[segments.length - 1].origin.time_zone),
        international: segments.some((s) => s.origin.country_code !== s.destination.country_code),
        counts: o.passengers,
      }
    : null;
  const shownTotal = offerIdTotal(o.offer_id);
  const canBook = o.available && !expired && !o.price_changed && !!trip && !problem?.final;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="flex min-w-0 flex-col gap-6">
        {expired && (
          <Banner tone="destructive" title="This offer has expired">
            It can no longer be booked or paid. Prices move; search again for the current fares.
            <Button asChild size="sm" className="mt-3 w-fit">
              <Link href={again}>
                <SearchIcon aria-hidden="true" /> Search again
              </Link>
            </Button>
          </Banner>
        )}
        {!o.available && !expired && (
          <Banner tone="destructive" title="This flight can’t be booked any more">
            {o.reason ?? 'Not enough seats are left.'}
            <Button asChild size="sm" className="mt-3 w-fit">
              <Link href={again}>Search again</Link>
            </Button>
          </Banner>
        )}
        {o.available && o.price_changed && o.repriced_offer_id && !expired && (
          <Banner tone="warning" title="The price has changed">
            This fare now costs {money(o.price.total_minor, o.price.currency)}
            {shownTotal !== null && ` (was ${money(shownTotal, o.price.currency)})`}. Continue only if the new price is fine.
            <Button size="sm" className="mt-3 w-fit" onClick={() => router.replace(offerHref(o.repriced_offer_id!))}>
              Continue at {money(o.price.total_minor, o.price.currency)}
            </Button>
          </Banner>
        )}

        {/* On phones the summary sits below the form, so the time left and the total are repeated up here. */}
        <div className="flex items-center justify-between gap-3 rounded-xl border bg-card p-3 shadow-sm lg:hidden">
          <Countdown until={o.expires_at} now={now} label="Held for" />
          <p className="text-right text-sm">
            <span className="block text-lg font-semibold tabular-nums">{money(o.price.total_minor, o.price.currency)}</span>
            <span className="text-muted-foreground">{FAMILY_LABEL[o.fare_family] ?? o.fare_family} · {passengerMix(o.passengers)}</span>
          </p>
        </div>

        <section aria-labelledby="itinerary-title">
          <h2 id="itinerary-title" className="mb-3 text-lg font-semibold">
            Your flights
          </h2>
          <div className="flex flex-col gap-4">
            {o.slices_detail.map((segs, i) =>
              segs.length ? (
                <Card key={i}>
                  <CardHeader className="pb-3 sm:pb-4">
                    <CardTitle as="h3" className="text-base">
                      {o.slices_detail.length > 1 ? (i === 0 ? 'Outbound' : 'Return') : 'Flight'}: {airportName(segs[0].origin)} to {airportName(segs[segs.length - 1].destination)}
                    </CardTitle>
                    <p className="text-sm text-muted-foreground">
                      {dateIn(segs[0].departs_at, segs[0].origin.time_zone, true)} ·{' '}
                      {duration(Math.round((Date.parse(segs[segs.length - 1].arrives_at) - Date.parse(segs[0].departs_at)) / 60_000))} ·{' '}
                      {segs.length === 1 ? 'Nonstop' : `${segs.length - 1} stop${segs.length > 2 ? 's' : ''}`}
                    </p>
                  </CardHeader>
                  <CardContent>
                    <SegmentList segments={segs} />
                  </CardContent>
                </Card>
              ) : (
                <Card key={i}>
                  <CardContent className="pt-5 text-sm text-muted-foreground sm:pt-6">A flight on this part of the trip is no longer bookable.</CardContent>
                </Card>
              ),
            )}
          </div>
        </section>

        <section aria-labelledby="travellers-title" className="flex flex-col gap-3">
          <h2 id="travellers-title" className="text-lg font-semibold">
            Who’s travelling
          </h2>
          {!signedIn ? (
            <SignInPrompt
              devPersonas={devPersonas}
              clerk={clerk}
              returnTo={offerHref(offerId)}
              why="Bookings belong to an account, so you can manage the trip and get refunds to your wallet."
            />
          ) : trip ? (
            <>
              {problem && (
                <Banner tone="destructive" title={problem.final ? 'This offer can’t be booked' : 'The booking didn’t go through'}>
                  {problem.message}
                  {problem.final && (
                    <Button asChild size="sm" className="mt-3 w-fit">
                      <Link href={again}>Search again</Link>
                    </Button>
                  )}
                </Banner>
              )}
              <PassengerForm
                trip={trip}
                defaultEmail={email}
                submitting={book.isPending}
                disabled={!canBook}
                submitLabel={expired ? 'Offer expired' : book.isPending ? 'Holding seats…' : `Hold seats · ${money(o.price.total_minor, o.price.currency)}`}
                onSubmit={(body, setServerErrors) => submit(o.offer_id, body, setServerErrors)}
              />
            </>
          ) : null}
        </section>
      </div>

      <aside aria-label="Price summary" className="lg:sticky lg:top-20 lg:self-start">
        <Card>
          <CardHeader className="gap-3">
            <Countdown until={o.expires_at} now={now} label="Offer held for" className="w-fit" />
            <CardTitle as="h2">
              {FAMILY_LABEL[o.fare_family] ?? o.fare_family} fare
            </CardTitle>
            <p className="text-sm text-muted-foreground">
              {CABIN_LABEL[o.cabin]} · {passengerMix(o.passengers)}
            </p>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <dl className="grid grid-cols-[1fr_auto] gap-y-1.5 text-sm">
              <dt className="text-muted-foreground">Fare</dt>
              <dd className="text-right tabular-nums">{money(o.price.base_minor, o.price.currency, { cents: true })}</dd>
              <dt className="text-muted-foreground">Taxes and fees</dt>
              <dd className="text-right tabular-nums">{money(o.price.taxes_minor, o.price.currency, { cents: true })}</dd>
              <dt className="border-t pt-2 font-semibold">Total</dt>
              <dd className="border-t pt-2 text-right text-lg font-semibold tabular-nums">{money(o.price.total_minor, o.price.currency, { cents: true })}</dd>
            </dl>
            {o.conditions && (
              <div>
                <h3 className="mb-2 text-sm font-semibold">Fare conditions</h3>
                <FareConditionList conditions={o.conditions} currency={o.price.currency} />
              </div>
            )}
            <p className="text-xs text-muted-foreground">
              You pay into escrow. The airline is paid after the flight; if it is cancelled, the escrow refunds you.
            </p>
            <Link href={again} className="inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline">
              <ArrowLeftIcon className="size-4" aria-hidden="true" /> Back to results
            </Link>
          </CardContent>
        </Card>
      </aside>

      <Dialog open={!!priceChange} onOpenChange={(open) => !open && setPriceChange(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>The price changed while you were booking</DialogTitle>
            <DialogDescription>
              {priceChange &&
                `It was ${money(priceChange.previous, priceChange.price.currency)} and is now ${money(priceChange.price.total_minor, priceChange.price.currency)} for everyone travelling.`}
            </DialogDescription>
          </DialogHeader>
          {priceChange && (
            <p className="text-sm">
              <Badge variant={priceChange.price.total_minor > priceChange.previous ? 'warning' : 'success'}>
                {priceChange.price.total_minor > priceChange.previous ? '+' : '−'}
                {money(Math.abs(priceChange.price.total_minor - priceChange.previous), priceChange.price.currency)}
              </Badge>
            </p>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={() => setPriceChange(null)}>
              Not now
            </Button>
            <Button
              disabled={book.isPending}
              onClick={() => {
                if (!priceChange) return;
                const { offerId: next, body } = priceChange;
                setPriceChange(null);
                submit(next, body);
              }}
            >
              Accept and hold seats
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}

export function Banner({ tone, title, children }: { tone: 'destructive' | 'warning' | 'success'; title: string; children: React.ReactNode }) {
  const border = tone === 'destructive' ? 'border-destructive/50' : tone === 'warning' ? 'border-warning/60' : 'border-success/60';
  const icon = tone === 'destructive' ? 'text-destructive' : tone === 'warning' ? 'text-warning' : 'text-success';
  return (
    <div role={tone === 'success' ? 'status' : 'alert'} className={`flex gap-3 rounded-xl border-2 ${border} bg-card p-4`}>
      {tone === 'success' ? (
        <CheckCircle2Icon className={`mt-0.5 size-5 shrink-0 ${icon}`} aria-hidden="true" />
      ) : (
        <AlertTriangleIcon className={`mt-0.5 size-5 shrink-0 ${icon}`} aria-hidden="true" />
      )}
      <div className="flex flex-col text-sm">
        <p className="font-semibold">{title}</p>
        <div className="flex flex-col text-muted-foreground">{children}</div>
      </div>
    </div>
  );
}

function Notice({ title, body, searchHref, onRetry }: { title: string; body: string; searchHref: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="flex flex-col items-center gap-3 rounded-xl border border-dashed bg-card px-6 py-12 text-center">
      <AlertTriangleIcon className="size-8 text-destructive" aria-hidden="true" />
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="max-w-md text-sm text-muted-foreground">{body}</p>
      <div className="flex gap-2">
        <Button asChild>
          <Link href={searchHref}>
            <SearchIcon aria-hidden="true" /> Search again
          </Link>
        </Button>
        {onRetry && (
          <Button variant="outline" onClick={onRetry}>
            Try again
          </Button>
        )}
      </div>
    </div>
  );
}
