'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { ChevronRightIcon, PlaneTakeoffIcon } from 'lucide-react';
import type { Booking } from '@/lib/bookings/types';
import { fetchAllPages } from '@/components/api/fetch-all-pages';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryState, SkeletonBlocks } from '@/components/ui/query-state';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { clock, dateIn, money, plural } from '@/components/flights/format';
import { useNow } from '@/components/ui/use-now';
import { BookingStatusBadge } from './booking-status';

const LIVE: Booking['status'][] = ['held', 'paid'];

/** Where a booking goes: upcoming while it is live and departs in the future, else past. */
export function isUpcoming(b: Booking, now = Date.now()): boolean {
  return LIVE.includes(b.status) && Date.parse(b.departs_at) > now;
}

function TripCard({ b }: { b: Booking }) {
  const first = b.segments[0];
  const out = b.segments.filter((s) => s.slice === first.slice);
  const dest = out[out.length - 1].destination;
  const returning = b.segments.some((s) => s.slice !== first.slice);
  return (
    <li>
      <Link
        href={b.status === 'held' ? `/trips/${b.pnr}/pay` : `/trips/${b.pnr}`}
        className="group flex items-center gap-4 rounded-xl border bg-card p-4 shadow-sm transition-colors outline-none hover:bg-accent/50 focus-visible:ring-2 focus-visible:ring-ring sm:p-5"
      >
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <p className="text-base font-semibold">
            {first.origin.city ?? first.origin.iata} to {dest.city ?? dest.iata}
            {returning && ' and back'}
          </p>
          <p className="text-sm text-muted-foreground">
            {dateIn(first.departs_at, first.origin.time_zone, true)} · {clock(first.departs_at, first.origin.time_zone)} from {first.origin.iata} ·{' '}
            {plural(b.passengers.length, 'passenger')}
          </p>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm font-semibold tracking-widest">{b.pnr}</span>
            <BookingStatusBadge status={b.status} />
          </div>
        </div>
        <p className="hidden text-right font-semibold tabular-nums sm:block">{money(b.price.total_minor, b.price.currency)}</p>
        <ChevronRightIcon className="size-5 text-muted-foreground" aria-hidden="true" />
      </Link>
    </li>
  );
}

/** My trips: upcoming and past bookings, newest first (the API's order). */
export function TripList() {
  const now = useNow(60_000);
  const trips = useQuery({
    queryKey: ['bookings'],
    queryFn: ({ signal }) => fetchAllPages<{ data: Booking[]; nextCursor: string | null }>('/api/v1/bookings', { signal }).then((pages) => pages.flatMap((p) => p.data)),
  });

  if (trips.data === undefined) {
    return <QueryState query={trips} label="Loading your trips…" skeleton={<SkeletonBlocks count={3} className="h-24" />} className="gap-3" failed="We couldn’t load your trips" />;
  }

  const upcoming = trips.data.filter((b) => isUpcoming(b, now)).sort((a, b) => a.departs_at.localeCompare(b.departs_at));
  const past = trips.data.filter((b) => !isUpcoming(b, now));

  return (
    <Tabs defaultValue="upcoming">
      <TabsList aria-label="Trips">
        <TabsTrigger value="upcoming">Upcoming ({upcoming.length})</TabsTrigger>
        <TabsTrigger value="past">Past ({past.length})</TabsTrigger>
      </TabsList>
      <TabsContent value="upcoming">
        {upcoming.length ? (
          <ul className="flex flex-col gap-3">
            {upcoming.map((b) => (
              <TripCard key={b.pnr} b={b} />
            ))}
          </ul>
        ) : (
          <Empty text="No upcoming trips." />
        )}
      </TabsContent>
      <TabsContent value="past">
        {past.length ? (
          <ul className="flex flex-col gap-3">
            {past.map((b) => (
              <TripCard key={b.pnr} b={b} />
            ))}
          </ul>
        ) : (
          <Empty text="No past or cancelled trips yet." />
        )}
      </TabsContent>
    </Tabs>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <EmptyState
      icon={PlaneTakeoffIcon}
      action={
        <Button asChild>
          <Link href="/">Search flights</Link>
        </Button>
      }
    >
      {text}
    </EmptyState>
  );
}
