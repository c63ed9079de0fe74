import Link from 'next/link';
import type { FareOption, Segment } from '@/lib/flights/types';
import { Button } from '@/components/ui/button';
import { dateIn, duration, money } from '@/components/flights/format';
import { FareConditionList, SegmentList } from '@/components/flights/itinerary';
import { offerHref } from '@/components/booking/offer-types';

/**
 * What an offer card's "Details & fares" shows, as data: each slice's flights and the fare
 * families. The card sends this (a few KB of JSON per offer) rather than the panel rendered on
 * the server, whose React tree was ~14 KB per offer in the page's payload, for twenty panels most
 * visits never open (#15: parsing that payload was part of the phone's blocking time).
 */
export interface OfferDetail {
  slices: { departs_at: string; time_zone: string; duration_minutes: number; segments: Segment[] }[];
  fare_options: FareOption[];
  /** The offer's own total, the "Lowest fare" when it has no fare options. */
  total_minor: number;
}

/** Rendered in the browser when a card is first opened (offer-card-frame.tsx loads this module then). */
export function OfferPanel({ detail }: { detail: OfferDetail }) {
  const returnTrip = detail.slices.length === 2;
  return (
    <div className="flex flex-col gap-6 p-4 sm:p-5">
      {detail.slices.map((s, i) => (
        <section key={i} aria-label={`${returnTrip ? (i === 0 ? 'Outbound' : 'Return') : 'Flight'} details`}>
          <p className="mb-3 text-sm font-semibold">
            {returnTrip ? (i === 0 ? 'Outbound' : 'Return') : 'Flight'} · {dateIn(s.departs_at, s.time_zone)} · {duration(s.duration_minutes)}
          </p>
          <SegmentList segments={s.segments} />
        </section>
      ))}
      <FareFamilies detail={detail} />
    </div>
  );
}

function FareFamilies({ detail }: { detail: OfferDetail }) {
  const cheapest = detail.fare_options[0]?.price.total_minor ?? detail.total_minor;
  return (
    <section aria-label="Fares">
      <p className="mb-3 text-sm font-semibold">Choose a fare</p>
      <ul className="grid gap-3 md:grid-cols-3">
        {detail.fare_options.map((f) => (
          <li key={f.id} className="flex flex-col gap-3 rounded-lg border p-4">
            <div>
              <p className="font-semibold">{f.name}</p>
              <p className="text-lg font-semibold tabular-nums">{money(f.price.total_minor, f.price.currency)}</p>
              <p className="text-xs text-muted-foreground">
                {f.price.total_minor > cheapest ? `+${money(f.price.total_minor - cheapest, f.price.currency)} vs ${detail.fare_options[0].name}` : 'Lowest fare'}
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
