import type { Metadata } from 'next';
import Link from 'next/link';
import { DownloadIcon, TicketIcon } from 'lucide-react';
import { listAdminBookings } from '@/lib/admin/bookings';
import { consolePage } from '@/lib/admin/console-page';
import { bookingsQuery } from '@/lib/admin/query';
import { isHttpProblem } from '@/lib/http/problem';
import { BookingsFilters, type BookingFilterValues } from '@/components/admin/bookings-filters';
import { BookingsTable } from '@/components/admin/bookings-table';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Bookings' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const KEYS = ['q', 'status', 'from', 'to', 'origin', 'destination', 'airline', 'rail', 'min_total', 'max_total', 'sort', 'dir', 'cursor'] as const;

export default async function AdminBookingsPage({ searchParams }: { searchParams: Search }) {
  await consolePage('bookings.read');
  const raw = await searchParams;
  const values: BookingFilterValues & { cursor?: string } = {};
  for (const k of KEYS) if (typeof raw[k] === 'string' && raw[k]) values[k] = raw[k] as string;

  const parsed = bookingsQuery.safeParse(values);
  let problem: string | undefined;
  let page: Awaited<ReturnType<typeof listAdminBookings>> = { data: [], nextCursor: null };
  if (!parsed.success) {
    problem = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
  } else {
    try {
      page = await listAdminBookings({ ...parsed.data, limit: 50 });
    } catch (err) {
      if (!isHttpProblem(err) || err.status !== 400) throw err;
      problem = err.errors?.map((e) => `${e.field.replace(/^query\./, '')} ${e.message}`).join('; ') ?? err.message;
    }
  }
  const filters = new URLSearchParams(Object.entries(values).filter(([k]) => k !== 'cursor') as [string, string][]);
  const nextHref = page.nextCursor ? `/admin/bookings?${new URLSearchParams({ ...Object.fromEntries(filters), cursor: page.nextCursor })}` : null;

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Bookings</h1>
          <p className="text-sm text-muted-foreground">Every traveller’s bookings, newest first unless sorted otherwise.</p>
        </div>
        <Button asChild variant="outline">
          <a href={`/api/v1/admin/bookings.csv?${filters}`} download>
            <DownloadIcon aria-hidden="true" /> Export CSV
          </a>
        </Button>
      </div>
      <BookingsFilters values={values} />
      {problem && <Banner variant="error" title="These filters can’t be used">{problem}</Banner>}
      {page.data.length ? (
        <BookingsTable rows={page.data} sort={parsed.success ? parsed.data.sort : 'created_at'} dir={parsed.success ? parsed.data.dir : 'desc'} />
      ) : (
        !problem && <EmptyState icon={TicketIcon} title="No bookings match" headingLevel={2}>Loosen a filter or clear them all.</EmptyState>
      )}
      <nav aria-label="Pages" className="flex items-center gap-2">
        {values.cursor && (
          <Button asChild variant="outline" size="sm"><Link href={`/admin/bookings?${filters}`}>First page</Link></Button>
        )}
        {nextHref && (
          <Button asChild variant="outline" size="sm"><Link href={nextHref}>Next page</Link></Button>
        )}
      </nav>
    </>
  );
}
