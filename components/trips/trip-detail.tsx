'use client';

import * as React from 'react';
import Link from 'next/link';
import { ArrowLeftIcon, CircleDotIcon } from 'lucide-react';
import type { Booking } from '@/lib/bookings/types';
import { cabinLabel } from '@/lib/flights/cabins';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';
import { dateIn, duration, money } from '@/components/flights/format';
import { LocalStamp } from '@/components/flights/local-stamp';
import { FareConditionList, SegmentList, airportName } from '@/components/flights/itinerary';
import { useNow } from '@/components/ui/use-now';
import { fareLines } from '@/components/booking/price-lines';
import { PriceBreakdown } from '@/components/booking/price-breakdown';
import { TripDispute } from '@/components/disputes/trip-dispute';
import { useBookingDispute } from '@/components/disputes/use-disputes';
import { CancelDialog } from './cancel-dialog';
import { FlightDisruptions } from './flight-disruptions';
import { ChainPanel } from './chain-panel';
import { BookingStatusBadge, STATUS_LABEL } from './booking-status';
import { useBooking } from './use-booking';

const PASSENGER_TYPE: Record<string, string> = { adult: 'Adult', child: 'Child', infant: 'Infant' };
const PAYMENT_KIND: Record<string, string> = { payment: 'Paid into escrow', refund: 'Refunded to wallet', demo_deposit: 'Demo funds' };

/**
 * One booking: status, flights in local times, passengers, receipt, timeline and cancellation.
 * `initial` is the booking as the server read it while rendering the page, so the page arrives
 * whole: a skeleton replaced by the booking once the JavaScript had fetched it moved everything
 * below it on a phone (#15). The query keeps it fresh from there (live events, cancellation).
 */
export function TripDetail({ pnr, initial, explorerUrl = null }: { pnr: string; initial?: Booking; explorerUrl?: string | null }) {
  const booking = useBooking(pnr, initial);
  // a dispute in progress freezes the escrow: no cancellation until it is settled
  const dispute = useBookingDispute(pnr);
  const [refunded, setRefunded] = React.useState<number | null>(null);
  const now = useNow(60_000);

  if (booking.data === undefined) {
    return (
      <QueryState
        query={booking}
        label="Loading the booking…"
        skeleton={
          <>
            <Skeleton className="h-24 w-full" />
            <Skeleton className="h-64 w-full" />
          </>
        }
        failed="We couldn’t load this booking"
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/trips">Back to My trips</Link>
          </Button>
        }
      />
    );
  }

  const b = booking.data;
  const slices = [...new Set(b.segments.map((s) => s.slice))].sort().map((n) => b.segments.filter((s) => s.slice === n).sort((x, y) => x.seq - y.seq));
  const disputed = !!dispute.data && ['open', 'awaiting_evidence', 'escalated'].includes(dispute.data.status);
  const cancellable = (b.status === 'paid' || b.status === 'held') && Date.parse(b.departs_at) > now && !disputed;
  const passengerName = (seq: number) => {
    const p = b.passengers.find((x) => x.seq === seq);
    return p ? `${p.given_name} ${p.family_name}` : '';
  };

  return (
    <div className="flex flex-col gap-6">
      <Link href="/trips" className="inline-flex w-fit items-center gap-1 text-sm text-primary underline-offset-4 hover:underline">
        <ArrowLeftIcon className="size-4" aria-hidden="true" /> My trips
      </Link>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">
            {airportName(slices[0][0].origin)} to {airportName(slices[0][slices[0].length - 1].destination)}
          </h1>
          <p className="text-sm text-muted-foreground">
            Booking reference <span className="font-mono font-semibold tracking-widest text-foreground">{b.pnr}</span> · {cabinLabel(b.cabin)} ·{' '}
            {b.fare_family_name}
          </p>
          <BookingStatusBadge status={b.status} className="mt-1" />
        </div>
        <div className="flex flex-wrap gap-2">
          {b.status === 'held' && (
            <Button asChild>
              <Link href={`/trips/${b.pnr}/pay`}>Pay now</Link>
            </Button>
          )}
          {cancellable && <CancelDialog booking={b} onCancelled={(r) => setRefunded(r)} />}
        </div>
      </div>

      {b.status === 'held' && (
        <Banner variant="warning" role="status" title="Waiting for payment">
          <span>The seats are held until <LocalStamp iso={b.hold_expires_at} />; pay before then or they are released.</span>
        </Banner>
      )}

      {(b.status === 'held' || b.status === 'paid') && <FlightDisruptions booking={b} />}

      {b.status === 'paid' && b.waivers?.some((w) => w.kind === 'free_cancellation') && (
        <Banner variant="info" role="status" title="Free cancellation">
          {b.waivers.find((w) => w.kind === 'free_cancellation')?.reason}. You can cancel this booking for a full refund, whatever the fare&rsquo;s
          conditions.
        </Banner>
      )}

      {refunded !== null && (
        <Banner variant="success" title="Booking cancelled">
          {b.payment_rail === 'soroban' ? (
            refunded ? (
              `${money(refunded, b.price.currency, { cents: true })} goes back from the escrow contract to the account that paid.`
            ) : (
              'No refund was due on this fare.'
            )
          ) : (
            <>
              {refunded ? `${money(refunded, b.price.currency, { cents: true })} is back in your wallet.` : 'No refund was due on this fare.'}{' '}
              <Link href="/wallet" className="text-primary underline">
                See your wallet
              </Link>
            </>
          )}
        </Banner>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <section aria-labelledby="flights-title" className="flex flex-col gap-3">
            <h2 id="flights-title" className="text-lg font-semibold">
              Flights
            </h2>
            {slices.map((segs, i) => (
              <Card key={i}>
                <CardHeader className="pb-3 sm:pb-4">
                  <CardTitle as="h3" className="text-base">
                    {slices.length > 1 ? (i === 0 ? 'Outbound' : 'Return') : 'Flight'} · {dateIn(segs[0].departs_at, segs[0].origin.time_zone, true)}
                  </CardTitle>
                  <p className="text-sm text-muted-foreground">
                    {duration(Math.round((Date.parse(segs[segs.length - 1].arrives_at) - Date.parse(segs[0].departs_at)) / 60_000))} ·{' '}
                    {segs.length === 1 ? 'Nonstop' : `${segs.length - 1} stop${segs.length > 2 ? 's' : ''}`} · times are local to each airport
                  </p>
                </CardHeader>
                <CardContent>
                  <SegmentList segments={segs} />
                </CardContent>
              </Card>
            ))}
          </section>

          <section aria-labelledby="passengers-title" className="flex flex-col gap-3">
            <h2 id="passengers-title" className="text-lg font-semibold">
              Passengers
            </h2>
            <Card>
              <CardContent className="pt-5 sm:pt-6">
                <ul className="divide-y">
                  {b.passengers.map((p) => (
                    <li key={p.seq} className="flex flex-wrap items-baseline justify-between gap-2 py-2 first:pt-0 last:pb-0">
                      <span className="font-medium">
                        {p.title ? `${p.title[0].toUpperCase()}${p.title.slice(1)} ` : ''}
                        {p.given_name} {p.family_name}
                      </span>
                      <span className="text-sm text-muted-foreground">
                        {PASSENGER_TYPE[p.type]} · born {p.date_of_birth}
                        {p.infant_of !== null && ` · on the lap of ${passengerName(p.infant_of)}`}
                      </span>
                    </li>
                  ))}
                </ul>
                <p className="mt-3 border-t pt-3 text-sm text-muted-foreground">
                  Contact: {b.contact.email} · {b.contact.phone}
                </p>
              </CardContent>
            </Card>
          </section>

          <section aria-labelledby="timeline-title" className="flex flex-col gap-3">
            <h2 id="timeline-title" className="text-lg font-semibold">
              Timeline
            </h2>
            <ol className="flex flex-col gap-3 border-l-2 pl-4">
              {b.timeline.map((t, i) => (
                <li key={i} className="relative">
                  <CircleDotIcon className="absolute top-0.5 -left-[1.45rem] size-4 bg-background text-primary" aria-hidden="true" />
                  <p className="text-sm font-medium">{STATUS_LABEL[t.status]}</p>
                  <p className="text-sm text-muted-foreground">
                    <LocalStamp iso={t.at} />
                    {t.note && ` · ${t.note}`}
                  </p>
                </li>
              ))}
            </ol>
          </section>

          {b.status !== 'held' && b.status !== 'expired' && <TripDispute booking={b} />}
        </div>

        <aside className="flex flex-col gap-6 lg:sticky lg:top-20 lg:self-start">
          {b.payment_rail === 'soroban' && <ChainPanel booking={b} explorerUrl={explorerUrl} />}
          <Card>
            <CardHeader>
              <CardTitle as="h2">Receipt</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              <PriceBreakdown
                currency={b.price.currency}
                lines={fareLines(b.price)}
                total={b.price.total_minor}
                emphasis={false}
                after={[
                  ...(b.refund_minor !== null ? [{ id: 'refunded', label: 'Refunded', amount_minor: b.refund_minor, tone: 'success' as const }] : []),
                  ...(b.payment_rail !== 'soroban' ? [{ id: 'escrow', label: 'Held in escrow', amount_minor: b.escrow_balance_minor }] : []),
                ]}
              />
              {b.payments.length > 0 && (
                <div>
                  <h3 className="mb-2 text-sm font-semibold">Payments</h3>
                  <ul className="flex flex-col gap-2 text-sm">
                    {b.payments.map((p, i) => (
                      <li key={i} className="flex justify-between gap-2">
                        <span>
                          {PAYMENT_KIND[p.kind] ?? p.memo}
                          <LocalStamp iso={p.at} className="block text-xs text-muted-foreground" />
                        </span>
                        <span className="tabular-nums">{money(Math.abs(p.amount_minor), b.price.currency, { cents: true })}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <div>
                <h3 className="mb-2 text-sm font-semibold">Fare conditions</h3>
                <FareConditionList conditions={b.conditions} currency={b.price.currency} />
              </div>
            </CardContent>
          </Card>
        </aside>
      </div>
    </div>
  );
}
