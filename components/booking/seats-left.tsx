'use client';

import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { ArmchairIcon } from 'lucide-react';
import { fetchJson } from '@/components/api/fetch-json';
import { useLive } from '@/components/live/live-provider';
import type { RepricedOffer } from '@/lib/flights/types';
import { cn } from '@/components/ui/cn';

/**
 * Seats left on the offer's fullest flight, kept live: a hold taken or given back on one of its
 * flights reaches every open review page as `seats.changed` (lib/live/hub.ts), which reads the
 * offer again. No polling; without the stream it shows what the page loaded.
 */
export function SeatsLeft({ offer }: { offer: RepricedOffer }) {
  const { subscribe } = useLive();
  const flights = React.useMemo(() => new Set(offer.slices.flat()), [offer.slices]);
  const seats = useQuery({
    queryKey: ['offer-seats', offer.offer_id],
    queryFn: ({ signal }) => fetchJson<{ data: RepricedOffer }>(`/api/v1/offers/${encodeURIComponent(offer.offer_id)}`, { signal }).then((r) => r.data.seats_left),
    initialData: offer.seats_left,
    staleTime: Infinity,
  });
  const { refetch } = seats;
  React.useEffect(() => subscribe((m) => {
    if (m.type !== 'seats.changed') return;
    const ids = Array.isArray(m.data.flight_ids) ? (m.data.flight_ids as number[]) : [];
    if (ids.some((id) => flights.has(id))) void refetch();
  }), [subscribe, flights, refetch]);

  const n = seats.data;
  const low = n <= 5;
  return (
    <p className={cn('flex items-center gap-2 text-sm', low ? 'font-medium text-warning' : 'text-muted-foreground')} aria-live="polite" data-testid="seats-left">
      <ArmchairIcon className="size-4" aria-hidden="true" />
      {n === 0 ? 'No seats left in this cabin' : n === 1 ? 'Last seat in this cabin' : `${n} seats left in this cabin`}
    </p>
  );
}
