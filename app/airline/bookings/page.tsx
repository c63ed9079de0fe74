import type { Metadata } from 'next';
import Link from 'next/link';
import { DownloadIcon, TicketIcon } from 'lucide-react';
import { listAirlineBookings } from '@/lib/airline/portal';
import { portalPage } from '@/lib/airline/portal-page';
import { airlineBookingsQuery, type AirlineBookingsQuery } from '@/lib/airline/schema';
import { BOOKING_STATUSES } from '@/lib/admin/query';
import { money, stamp } from '@/components/flights/format';
import { BookingStatusBadge, STATUS_LABEL } from '@/components/trips/booking-status';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Bookings · Airline portal' };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The filters as a query string (the list's own URL, the CSV link and the next page's link). */
function queryString(q: Partial<AirlineBookingsQuery>, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) if (v !== undefined && v !== '' && k !== 'cursor' && k !== 'limit') params.set(k, String(v));
  if (extra.cursor) params.set('cursor', extra.cursor);
  return params.size ? `?${params}` : '';
}

// Bookings on the operator's own flights, one row per booked segment, by departure (from today
// unless the filters say otherwise). The filter form is a plain GET form: the URL is the state.
export default async function AirlineBookingsPage({ searchParams }: { searchParams: Search }) {
  const { airline } = await portalPage();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = airlineBookingsQuery.safeParse(raw);
  const today = new Date().toISOString().slice(0, 10);
  const query: AirlineBookingsQuery = parsed.success ? { ...parsed.data, from: 'from' in raw ? parsed.data.from : today } : { from: today, q: undefined };
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
  const page = await listAirlineBookings(airline, { ...query, limit: 50 });
  const filterQs = queryString(query);

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Bookings on {airline} flights</h1>
          <p className="text-sm text-muted-foreground">One row per booked flight, by departure. Amounts are your share of each booking.</p>
        </div>
        <Button asChild variant="outline">
          <a href={`/api/v1/admin/airlines/${airline}/bookings.csv${filterQs}`} download>
            <DownloadIcon aria-hidden="true" /> Download CSV
          </a>
        </Button>
      </div>

      <form method="get" aria-label="Filter bookings" className="grid gap-3 rounded-xl border bg-card p-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_10rem_9rem_9rem_7rem_auto] lg:items-end">
        <Field id="ab-q" label="PNR or passenger surname">
          <Input name="q" defaultValue={query.q} maxLength={40} />
        </Field>
        <Field id="ab-status" label="Status">
          <NativeSelect name="status" defaultValue={query.status ?? ''}>
            <option value="">Any</option>
            {BOOKING_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
          </NativeSelect>
        </Field>
        <Field id="ab-from" label="Departs from">
          <Input name="from" type="date" defaultValue={query.from} />
        </Field>
        <Field id="ab-to" label="Departs to">
          <Input name="to" type="date" defaultValue={query.to} />
        </Field>
        <Field id="ab-flight" label="Flight no.">
          <Input name="flight" inputMode="numeric" defaultValue={query.flight} maxLength={4} />
        </Field>
        <Button type="submit">Filter</Button>
      </form>
      {errors.length > 0 && <Banner variant="error" title="Some filters were not understood">{errors.join('; ')}</Banner>}

      {page.data.length === 0 ? (
        <EmptyState icon={TicketIcon} title="No bookings match">Try an earlier start date or clear the filters.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border bg-card">
          <table className="w-full min-w-[48rem] text-sm">
            <caption className="sr-only">Bookings on {airline} flights, by departure</caption>
            <thead className="border-b text-left text-muted-foreground">
              <tr>
                <th scope="col" className="p-3 font-medium">Booking</th>
                <th scope="col" className="p-3 font-medium">Flight</th>
                <th scope="col" className="p-3 font-medium">Departs</th>
                <th scope="col" className="p-3 font-medium">Passengers</th>
                <th scope="col" className="p-3 font-medium">Status</th>
                <th scope="col" className="p-3 text-right font-medium">Your share</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {page.data.map((r) => (
                <tr key={`${r.booking_id}-${r.seq}`} data-pnr={r.pnr}>
                  <td className="p-3 font-mono font-semibold tracking-widest">{r.pnr}</td>
                  <td className="p-3">
                    {r.flight} <span className="text-muted-foreground">{r.origin} → {r.destination}</span>
                    {r.flight_status !== 'scheduled' && <span className="block text-xs text-muted-foreground">flight {r.flight_status}</span>}
                  </td>
                  <td className="p-3 tabular-nums">{stamp(r.departs_at)}</td>
                  <td className="p-3">{r.lead_passenger}{r.passengers > 1 ? ` +${r.passengers - 1}` : ''} <span className="block text-xs text-muted-foreground">{r.cabin.replace('_', ' ')}</span></td>
                  <td className="p-3"><BookingStatusBadge status={r.status} /></td>
                  <td className="p-3 text-right tabular-nums">{money(r.share_minor, r.currency, { cents: true })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && (
        <Link href={`/airline/bookings${queryString(query, { cursor: page.nextCursor })}`} className="self-end text-sm text-primary underline underline-offset-4">
          Later departures
        </Link>
      )}
    </>
  );
}
