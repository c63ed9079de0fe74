import type { Metadata } from 'next';
import { DownloadIcon, TicketIcon } from 'lucide-react';
import { listAirlineBookings } from '@/lib/airline/portal';
import { portalPage } from '@/lib/airline/portal-page';
import { airlineBookingsQuery, type AirlineBookingsQuery } from '@/lib/airline/schema';
import { readListPage } from '@/lib/admin/list-page';
import { BOOKING_STATUSES } from '@/lib/admin/query';
import { ListHeader } from '@/components/admin/list/header';
import { ListPager } from '@/components/admin/list/pager';
import { ListProblem } from '@/components/admin/list/problem';
import { ListTable } from '@/components/admin/list/table';
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
  const { page, stale } = await readListPage(() => listAirlineBookings(airline, { ...query, limit: 50 }), { data: [], nextCursor: null });
  const filterQs = queryString(query);

  return (
    <>
      <ListHeader
        title={`Bookings on ${airline} flights`}
        action={
          <Button asChild variant="outline">
            <a href={`/api/v1/admin/airlines/${airline}/bookings.csv${filterQs}`} download>
              <DownloadIcon aria-hidden="true" /> Download CSV
            </a>
          </Button>
        }
      >
        One row per booked flight, by departure. Amounts are your share of each booking.
      </ListHeader>

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

      {stale && <ListProblem>That page of bookings can no longer be read; <a href={`/airline/bookings${filterQs}`} className="underline">start from the first page</a>.</ListProblem>}
      <ListTable
        caption={`Bookings on ${airline} flights, by departure`}
        className="min-w-[48rem]"
        rows={page.data}
        rowKey={(r) => `${r.booking_id}-${r.seq}`}
        rowData={(r) => ({ 'data-pnr': r.pnr })}
        empty={stale ? null : <EmptyState icon={TicketIcon} title="No bookings match">Try an earlier start date or clear the filters.</EmptyState>}
        columns={[
          { header: 'Booking', className: 'font-mono font-semibold tracking-widest', cell: (r) => r.pnr },
          {
            header: 'Flight',
            cell: (r) => (
              <>
                {r.flight} <span className="text-muted-foreground">{r.origin} → {r.destination}</span>
                {r.flight_status !== 'scheduled' && <span className="block text-xs text-muted-foreground">flight {r.flight_status}</span>}
              </>
            ),
          },
          { header: 'Departs', className: 'tabular-nums', cell: (r) => stamp(r.departs_at) },
          {
            header: 'Passengers',
            cell: (r) => <>{r.lead_passenger}{r.passengers > 1 ? ` +${r.passengers - 1}` : ''} <span className="block text-xs text-muted-foreground">{r.cabin.replace('_', ' ')}</span></>,
          },
          { header: 'Status', cell: (r) => <BookingStatusBadge status={r.status} /> },
          { header: 'Your share', align: 'right', className: 'tabular-nums', cell: (r) => money(r.share_minor, r.currency, { cents: true }) },
        ]}
      />
      <ListPager
        first={query.cursor ? `/airline/bookings${filterQs}` : null}
        next={page.nextCursor ? `/airline/bookings${queryString(query, { cursor: page.nextCursor })}` : null}
        nextLabel="Later departures"
      />
    </>
  );
}
