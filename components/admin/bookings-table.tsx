'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon } from 'lucide-react';
import { rowSortingFeature, tableFeatures, useTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import type { AdminBookingRow } from '@/lib/admin/bookings';
import { money } from '@/components/flights/format';
import { BookingStatusBadge } from '@/components/trips/booking-status';
import { TableScroll } from '@/components/ui/table-scroll';

// The console's bookings table. Rows, sort and paging come from the server (the URL holds the
// state); TanStack Table renders the columns and turns a header click into a new URL.

const features = tableFeatures({ rowSortingFeature });
type Col = ColumnDef<typeof features, AdminBookingRow>;

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('en-GB', { day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) : '—';

const columns: Col[] = [
  { id: 'pnr', header: 'PNR', enableSorting: false, cell: ({ row }) => (
    <Link href={`/admin/bookings/${row.original.pnr}`} className="font-mono font-medium text-primary underline-offset-4 hover:underline">{row.original.pnr}</Link>
  ) },
  // Sortable columns need an accessor: TanStack sorts (and offers the header button) only on one.
  { id: 'created_at', header: 'Booked (UTC)', accessorFn: (r) => r.created_at, cell: ({ row }) => <span className="whitespace-nowrap">{when(row.original.created_at)}</span> },
  { id: 'status', header: 'Status', enableSorting: false, cell: ({ row }) => <BookingStatusBadge status={row.original.status} /> },
  { id: 'route', header: 'Route', enableSorting: false, cell: ({ row }) => (
    <span className="whitespace-nowrap">{row.original.origin ?? '?'}→{row.original.destination ?? '?'} <span className="text-muted-foreground">{row.original.airlines?.join(' ')}</span></span>
  ) },
  { id: 'passenger', header: 'Lead passenger', enableSorting: false, cell: ({ row }) => (
    <span className="flex flex-col"><span>{row.original.passenger ?? '—'}</span><span className="text-xs text-muted-foreground">{row.original.email}</span></span>
  ) },
  { id: 'rail', header: 'Rail', enableSorting: false, cell: ({ row }) => row.original.payment_rail ?? '—' },
  { id: 'total', header: 'Total', accessorFn: (r) => r.total_minor, cell: ({ row }) => (
    <span className="tabular-nums">{money(row.original.total_minor, row.original.currency, { cents: true })}</span>
  ) },
];

export function BookingsTable({ rows, sort, dir }: { rows: AdminBookingRow[]; sort: 'created_at' | 'total'; dir: 'asc' | 'desc' }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const sorting: SortingState = [{ id: sort, desc: dir === 'desc' }];
  const table = useTable({
    features,
    columns,
    data: rows,
    state: { sorting },
    manualSorting: true,
    enableSortingRemoval: false,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const s = next[0] ?? { id: 'created_at', desc: true };
      const q = new URLSearchParams(params.toString());
      q.set('sort', s.id);
      q.set('dir', s.desc ? 'desc' : 'asc');
      q.delete('cursor');          // a new order starts at its first page
      router.push(`${pathname}?${q}`);
    },
  });

  return (
    <TableScroll label="Bookings" className="rounded-xl border bg-card shadow-sm">
      <table className="w-full text-sm">
        <caption className="sr-only">Bookings, sorted by {sort === 'total' ? 'total' : 'booking time'} {dir === 'desc' ? 'descending' : 'ascending'}</caption>
        <thead className="border-b bg-muted/50 text-left">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                const Icon = sorted === 'asc' ? ArrowUpIcon : sorted === 'desc' ? ArrowDownIcon : ArrowUpDownIcon;
                return (
                  <th key={header.id} scope="col" className="px-3 py-2 font-medium whitespace-nowrap"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                    {canSort ? (
                      <button type="button" onClick={header.column.getToggleSortingHandler()}
                              className="inline-flex items-center gap-1 rounded outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring">
                        <table.FlexRender header={header} />
                        <Icon className="size-3.5" aria-hidden="true" />
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="border-b last:border-0 hover:bg-muted/30">
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className="px-3 py-2 align-top">
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
