'use client';

import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ArrowLeftIcon, SearchIcon } from 'lucide-react';
import type { Booking } from '@/lib/bookings/types';
import { cabinLabel } from '@/lib/flights/cabins';
import { ApiError, fetchJson } from '@/components/api/fetch-json';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { QueryError, QueryLoading } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';
import { dateIn, dayIn, duration, money, passengerMix } from '@/components/flights/format';
import { FareConditionList, SegmentList, airportName } from '@/components/flights/itinerary';
import { useNow } from '@/components/ui/use-now';
import { Countdown } from './countdown';
import { fareLines } from './price-lines';
import { PriceBreakdown } from './price-breakdown';
import { lastSearchHref, offerHref, offerIdTotal, searchAgainHref, type RepricedOffer } from './offer-types';
import { PassengerForm, type BookingBody, type Trip } from './passenger-form';
import { SeatsLeft } from './seats-left';
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
  platformFeeBps,
}: {
  offerId: string;
  signedIn: boolean;
  email: string;
  devPersonas: boolean;
  clerk: boolean;
  /** The governed platform fee the release will take (GET /api/v1/parameters), shown, never charged on top. */
  platformFeeBps?: number;
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
      <QueryLoading label="Checking the latest price…">
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-64 w-full" />
      </QueryLoading>
    );
  }

  if (offer.isError) {
    const err = offer.error;
    const gone = err instanceof ApiError && err.status === 410;
    return (
      <QueryError
        layout="panel"
        error={err}
        title={gone ? 'This offer has expired' : err instanceof ApiError && err.status === 400 ? 'This offer link isn’t valid' : 'We couldn’t load this offer'}
        detail={gone ? 'Offers are held for 20 minutes and prices move. Search again for the current fares.' : undefined}
        action={<SearchAgain href={lastSearchHref()} size="default" />}
        onRetry={() => void offer.refetch()}
        retrying={offer.isFetching}
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
          <Banner variant="error" title="This offer has expired" action={<SearchAgain href={again} />}>
            It can no longer be booked or paid. Prices move; search again for the current fares.
          </Banner>
        )}
        {!o.available && !expired && (
          <Banner variant="error" title="This flight can’t be booked any more" action={<SearchAgain href={again} />}>
            {o.reason ?? 'Not enough seats are left.'}
          </Banner>
        )}
        {o.available && o.price_changed && o.repriced_offer_id && !expired && (
          <Banner
            variant="warning"
            title="The price has changed"
            action={
              <Button size="sm" onClick={() => router.replace(offerHref(o.repriced_offer_id!))}>
                Continue at {money(o.price.total_minor, o.price.currency)}
              </Button>
            }
          >
            <p>
              This fare now costs {money(o.price.total_minor, o.price.currency)}
              {shownTotal !== null && ` (was ${money(shownTotal, o.price.currency)})`}. Continue only if the new price is fine.
            </p>
          </Banner>
        )}

        {o.available && !expired && <SeatsLeft offer={o} />}

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
                <Banner
                  variant="error"
                  title={problem.final ? 'This offer can’t be booked' : 'The booking didn’t go through'}
                  action={problem.final && <SearchAgain href={again} />}
                >
                  {problem.message}
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
              {cabinLabel(o.cabin)} · {passengerMix(o.passengers)}
            </p>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <PriceBreakdown currency={o.price.currency} lines={fareLines(o.price)} total={o.price.total_minor} />
            {o.conditions && (
              <div>
                <h3 className="mb-2 text-sm font-semibold">Fare conditions</h3>
                <FareConditionList conditions={o.conditions} currency={o.price.currency} />
              </div>
            )}
            <p className="text-xs text-muted-foreground">
              You pay into escrow. The airline is paid after the flight; if it is cancelled, the escrow refunds you.
            </p>
            {platformFeeBps !== undefined && (
              <p className="text-xs text-muted-foreground" data-testid="platform-fee">
                Traqora’s platform fee, taken from the airline’s payout at release: <strong>{(platformFeeBps / 100).toFixed(2)}%</strong>{' '}
                (set by <Link href="/governance" className="text-primary underline underline-offset-4">TRQ governance</Link>; not added to your price).
              </p>
            )}
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

function SearchAgain({ href, size = 'sm' }: { href: string; size?: 'sm' | 'default' }) {
  return (
    <Button asChild size={size}>
      <Link href={href}>
        <SearchIcon aria-hidden="true" /> Search again
      </Link>
    </Button>
  );
}
