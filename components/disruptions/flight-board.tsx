'use client';

import * as React from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { PlaneIcon } from 'lucide-react';
import { FLIGHT_STATUSES, MAX_BULK_FLIGHTS, type AdminFlight } from '@/lib/disruptions/types';
import { fetchJson } from '@/components/api/fetch-json';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { QueryState } from '@/components/ui/query-state';
import { Skeleton } from '@/components/ui/skeleton';
import { clock, dateIn, duration } from '@/components/flights/format';
import { useNow } from '@/components/ui/use-now';
import { DisruptDialog, type DisruptKind } from './disrupt-dialog';
import { TableScroll } from '@/components/ui/table-scroll';

const STATUS_LOOK: Record<string, 'secondary' | 'warning' | 'destructive' | 'outline'> = {
  scheduled: 'secondary', delayed: 'warning', cancelled: 'destructive', boarding: 'outline', departed: 'outline', landed: 'outline',
};

/**
 * The schedule as ops and airline operators work it: filters and the page cursor in the URL,
 * a row's actions (delay, cancel), and up to 50 selected flights changed at once.
 */
export function FlightBoard({ ownAirline }: { ownAirline: string | null }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const [selected, setSelected] = React.useState<Map<number, AdminFlight>>(new Map());
  const [dialog, setDialog] = React.useState<{ kind: DisruptKind; flights: AdminFlight[] } | null>(null);
  const now = useNow(60_000);
  // the window starts 3 hours back (flights still on the ground), fixed per minute so the query key is stable
  const windowStart = new Date(Math.floor(now / 60_000) * 60_000 - 3 * 3600_000).toISOString();

  const filters = { status: params.get('status') ?? '', airline: params.get('airline') ?? '', q: params.get('q') ?? '', cursor: params.get('cursor') ?? '' };
  const search = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  search.set('limit', '25');
  search.set('from', windowStart);
  const key = ['admin-flights', filters, windowStart];
  const flights = useQuery({
    queryKey: key,
    queryFn: () => fetchJson<{ data: AdminFlight[]; nextCursor: string | null }>(`/api/v1/admin/flights?${search}`),
    placeholderData: keepPreviousData,
  });

  const setParam = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (!('cursor' in next)) p.delete('cursor');
    router.replace(`${pathname}?${p}`, { scroll: false });
  };
  const toggle = (f: AdminFlight) =>
    setSelected((m) => {
      const n = new Map(m);
      if (n.has(f.id)) n.delete(f.id);
      else if (n.size < MAX_BULK_FLIGHTS) n.set(f.id, f);
      return n;
    });
  const actionable = (f: AdminFlight) => (f.status === 'scheduled' || f.status === 'delayed') && Date.parse(f.departs_at) > now;

  return (
    <div className="flex flex-col gap-4">
      <form
        className="grid gap-3 sm:grid-cols-[10rem_8rem_minmax(0,1fr)_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          setParam({ status: String(data.get('status') ?? ''), airline: String(data.get('airline') ?? '').toUpperCase(), q: String(data.get('q') ?? '') });
        }}
      >
        <Field id="filter-status" label="Status">
          <NativeSelect name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            {FLIGHT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0].toUpperCase() + s.slice(1)}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {ownAirline ? (
          <p className="text-sm text-muted-foreground sm:pb-2">Airline {ownAirline}</p>
        ) : (
          <Field id="filter-airline" label="Airline">
            <Input name="airline" defaultValue={filters.airline} maxLength={2} placeholder="BA" autoCapitalize="characters" />
          </Field>
        )}
        <Field id="filter-q" label="Flight or airport">
          <Input name="q" defaultValue={filters.q} maxLength={20} placeholder="DL101, JFK" />
        </Field>
        <Button type="submit" variant="outline">
          Apply filters
        </Button>
      </form>

      {selected.size > 0 && (
        <div className="sticky top-2 z-10 flex flex-wrap items-center gap-2 rounded-lg border bg-card p-3 shadow-sm" role="region" aria-label="Selected flights">
          <span className="text-sm font-medium">{selected.size} selected (up to {MAX_BULK_FLIGHTS})</span>
          <Button size="sm" variant="outline" onClick={() => setDialog({ kind: 'delayed', flights: [...selected.values()] })}>
            Delay selected
          </Button>
          <Button size="sm" variant="destructive" onClick={() => setDialog({ kind: 'cancelled', flights: [...selected.values()] })}>
            Cancel selected
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Map())}>
            Clear
          </Button>
        </div>
      )}

      {flights.data === undefined ? (
        <QueryState query={flights} label="Loading the schedule…" failed="We couldn’t load the schedule" skeleton={<Skeleton className="h-72 w-full" />} />
      ) : flights.data.data.length === 0 ? (
        <EmptyState icon={PlaneIcon} title="No flights match">Change the filters to see more of the schedule.</EmptyState>
      ) : (
        <TableScroll label="Flights, by departure" className="rounded-xl border bg-card">
          <table className="w-full min-w-[48rem] text-sm">
            <caption className="sr-only">Flights, by departure</caption>
            <thead className="border-b text-left text-muted-foreground">
              <tr>
                <th scope="col" className="w-10 p-3">
                  <span className="sr-only">Select</span>
                </th>
                <th scope="col" className="p-3 font-medium">Flight</th>
                <th scope="col" className="p-3 font-medium">Route</th>
                <th scope="col" className="p-3 font-medium">Departs (local)</th>
                <th scope="col" className="p-3 font-medium">Status</th>
                <th scope="col" className="p-3 font-medium">Bookings</th>
                <th scope="col" className="p-3 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {flights.data.data.map((f) => (
                <tr key={f.id} data-flight={f.designator} data-flight-id={f.id}>
                  <td className="p-3">
                    <input
                      type="checkbox"
                      className="size-4"
                      aria-label={`Select ${f.designator}`}
                      disabled={!actionable(f)}
                      checked={selected.has(f.id)}
                      onChange={() => toggle(f)}
                    />
                  </td>
                  <td className="p-3">
                    <span className="font-medium">{f.designator}</span>
                    <span className="block text-xs text-muted-foreground">{f.airline_name}</span>
                  </td>
                  <td className="p-3">
                    {f.origin} → {f.destination}
                  </td>
                  <td className="p-3 tabular-nums">
                    {dateIn(f.departs_at, f.origin_time_zone)} {clock(f.departs_at, f.origin_time_zone)}
                    {f.delay_minutes > 0 && (
                      <span className="block text-xs text-muted-foreground">
                        was {clock(f.scheduled_departs_at, f.origin_time_zone)} · +{duration(f.delay_minutes)}
                      </span>
                    )}
                  </td>
                  <td className="p-3">
                    <Badge variant={STATUS_LOOK[f.status]}>{f.status}</Badge>
                  </td>
                  <td className="p-3 tabular-nums">
                    {f.bookings.paid} paid · {f.bookings.held} held
                    {f.bookings.refunded > 0 && <span className="block text-xs text-muted-foreground">{f.bookings.refunded} refunded</span>}
                  </td>
                  <td className="p-3">
                    {actionable(f) && (
                      <div className="flex justify-end gap-2">
                        <Button size="sm" variant="outline" onClick={() => setDialog({ kind: 'delayed', flights: [f] })} aria-label={`Delay ${f.designator}`}>
                          Delay
                        </Button>
                        <Button size="sm" variant="destructive" onClick={() => setDialog({ kind: 'cancelled', flights: [f] })} aria-label={`Cancel ${f.designator}`}>
                          Cancel
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <div className="flex justify-between gap-2">
        <Button variant="outline" size="sm" disabled={!filters.cursor} onClick={() => setParam({ cursor: '' })}>
          First page
        </Button>
        <Button variant="outline" size="sm" disabled={!flights.data?.nextCursor} onClick={() => setParam({ cursor: flights.data?.nextCursor ?? '' })}>
          Next page
        </Button>
      </div>

      {dialog && (
        <DisruptDialog
          kind={dialog.kind}
          flights={dialog.flights}
          open
          onOpenChange={(o) => !o && setDialog(null)}
          onDone={() => {
            setSelected(new Map());
            void queryClient.invalidateQueries({ queryKey: ['admin-flights'] });
          }}
        />
      )}
    </div>
  );
}
