import { ChevronDownIcon } from 'lucide-react';
import type { Offer, Slice } from '@/lib/flights/types';
import { Badge } from '@/components/ui/badge';
import { dateIn, duration, money, travellerCount } from '@/components/flights/format';
import { SliceTimes, stopsLabel } from '@/components/flights/itinerary';
import { AirlineMark } from '@/components/flights/airline-mark';
import { OfferCardFrame } from './offer-card-frame';
import type { OfferDetail } from './offer-panel';

const LOW_SEATS = 5;
const NO_HIGHLIGHTS: readonly string[] = [];

function SliceSummary({ slice, label }: { slice: Slice; label?: string }) {
  const airlines = [...new Set(slice.segments.map((s) => s.airline_name))].join(', ');
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-1 sm:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_minmax(0,1fr)]">
      <div className="min-w-0">
        {label && <p className="text-xs font-medium text-muted-foreground">{label} · {dateIn(slice.departs_at, slice.origin.time_zone)}</p>}
        <SliceTimes origin={slice.origin} destination={slice.destination} departs_at={slice.departs_at} arrives_at={slice.arrives_at} />
        <p className="truncate text-sm text-muted-foreground">{airlines}</p>
      </div>
      <div className="text-right sm:text-left">
        <p className="text-sm font-medium">{duration(slice.duration_minutes)}</p>
        <p className="text-sm text-muted-foreground">
          {slice.origin.iata}–{slice.destination.iata}
        </p>
      </div>
      <div className="col-span-2 sm:col-span-1">
        <p className="text-sm font-medium">{stopsLabel(slice.stops)}</p>
        {slice.layovers.length > 0 && (
          <p className="text-sm text-muted-foreground">{slice.layovers.map((l) => `${duration(l.minutes)} ${l.airport.iata}`).join(', ')}</p>
        )}
      </div>
    </div>
  );
}

/**
 * One itinerary in the results: local times, duration, stops with connections, airlines and
 * the price for everyone travelling. Expanding it shows each flight and the fare families side
 * by side; choosing a fare opens the offer review.
 *
 * Rendered on the server: on a phone, hydrating twenty cards was most of the results page's
 * main-thread work (#15). Only the frame's Details & fares toggle runs in the browser, and the
 * panel it opens, drawn there from the offer's data when first opened (offer-panel.tsx).
 */
export function OfferCard({ offer, headingLevel = 3, highlights = NO_HIGHLIGHTS }: { offer: Offer; headingLevel?: 2 | 3; highlights?: readonly string[] }) {
  const travellers = travellerCount(offer.passengers);
  const returnTrip = offer.slices.length === 2;
  const first = offer.slices[0];
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const title = `${offer.airlines.length > 1 ? 'Multiple airlines' : first.segments[0].airline_name}, ${first.origin.iata} to ${first.destination.iata}${returnTrip ? ' and back' : ''}, ${money(offer.price.total_minor, offer.price.currency)}`;

  const summary = (
    <div className="flex min-w-0 flex-1 gap-3 sm:gap-4">
      <div className="flex shrink-0 flex-col gap-1 pt-1">
        {offer.airlines.slice(0, 2).map((a) => (
          <AirlineMark key={a} code={a} />
        ))}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-3">
        <H className="sr-only">{title}</H>
        {offer.slices.map((s, i) => (
          <SliceSummary key={i} slice={s} label={returnTrip ? (i === 0 ? 'Outbound' : 'Return') : undefined} />
        ))}
      </div>
    </div>
  );
  const price = (
    <div className="sm:text-right">
      <p className="text-xl font-semibold tabular-nums">{money(offer.price.total_minor, offer.price.currency)}</p>
      <p className="text-xs text-muted-foreground">
        {travellers > 1 ? `total for ${travellers} travellers` : returnTrip ? 'round trip' : 'one way'}
        {' · from '}
        {offer.fare_options[0]?.name ?? 'Basic'}
      </p>
      {highlights.length > 0 && (
        <p className="mt-1 flex flex-wrap gap-1 sm:justify-end">
          {highlights.map((h) => (
            <Badge key={h} variant="success">
              {h}
            </Badge>
          ))}
        </p>
      )}
      {offer.seats_left <= LOW_SEATS && (
        <Badge variant="warning" className="mt-1">
          {offer.seats_left === 1 ? 'Last seat' : `${offer.seats_left} seats left`}
        </Badge>
      )}
    </div>
  );
  return <OfferCardFrame title={title} summary={summary} price={price} detail={detailOf(offer)} chevron={<ChevronDownIcon aria-hidden="true" className="size-4" />} />;
}

/** What the card's panel needs, and no more: its slices' flights and the fare families. */
function detailOf(offer: Offer): OfferDetail {
  return {
    slices: offer.slices.map((s) => ({ departs_at: s.departs_at, time_zone: s.origin.time_zone, duration_minutes: s.duration_minutes, segments: s.segments })),
    fare_options: offer.fare_options,
    total_minor: offer.price.total_minor,
  };
}
