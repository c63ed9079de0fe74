import Link from 'next/link';
import { ChevronDownIcon } from 'lucide-react';
import type { Offer, Slice } from '@/lib/flights/types';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { dateIn, duration, money, travellerCount } from '@/components/flights/format';
import { FareConditionList, SegmentList, SliceTimes, stopsLabel } from '@/components/flights/itinerary';
import { offerHref } from '@/components/booking/offer-types';
import { AirlineMark } from '@/components/flights/airline-mark';
import { OfferCardFrame } from './offer-card-frame';

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
 * main-thread work (#15). Only the frame's Details & fares toggle runs in the browser.
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
  const panel = (
    <div className="flex flex-col gap-6 p-4 sm:p-5">
      {offer.slices.map((s, i) => (
        <section key={i} aria-label={`${returnTrip ? (i === 0 ? 'Outbound' : 'Return') : 'Flight'} details`}>
          <p className="mb-3 text-sm font-semibold">
            {returnTrip ? (i === 0 ? 'Outbound' : 'Return') : 'Flight'} · {dateIn(s.departs_at, s.origin.time_zone)} · {duration(s.duration_minutes)}
          </p>
          <SegmentList segments={s.segments} />
        </section>
      ))}
      <FareFamilies offer={offer} />
    </div>
  );
  return <OfferCardFrame title={title} summary={summary} price={price} panel={panel} chevron={<ChevronDownIcon aria-hidden="true" className="size-4" />} />;
}

function FareFamilies({ offer }: { offer: Offer }) {
  const cheapest = offer.fare_options[0]?.price.total_minor ?? offer.price.total_minor;
  return (
    <section aria-label="Fares">
      <p className="mb-3 text-sm font-semibold">Choose a fare</p>
      <ul className="grid gap-3 md:grid-cols-3">
        {offer.fare_options.map((f) => (
          <li key={f.id} className="flex flex-col gap-3 rounded-lg border p-4">
            <div>
              <p className="font-semibold">{f.name}</p>
              <p className="text-lg font-semibold tabular-nums">{money(f.price.total_minor, f.price.currency)}</p>
              <p className="text-xs text-muted-foreground">
                {f.price.total_minor > cheapest ? `+${money(f.price.total_minor - cheapest, f.price.currency)} vs ${offer.fare_options[0].name}` : 'Lowest fare'}
              </p>
            </div>
            <FareConditionList conditions={f.conditions} currency={f.price.currency} className="flex-1" />
            <Button asChild>
              <Link href={offerHref(f.id)} aria-label={`Select ${f.name} for ${money(f.price.total_minor, f.price.currency)}`}>
                Select {f.name}
              </Link>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
