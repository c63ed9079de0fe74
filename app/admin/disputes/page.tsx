import type { Metadata } from 'next';
import Link from 'next/link';
import { GavelIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { readListPage } from '@/lib/admin/list-page';
import { listDisputes } from '@/lib/disputes/desk';
import { listQuery } from '@/lib/disputes/schema';
import { ListHeader } from '@/components/admin/list/header';
import { listHref } from '@/components/admin/list/href';
import { ListPager } from '@/components/admin/list/pager';
import { ListProblem } from '@/components/admin/list/problem';
import { ListTable } from '@/components/admin/list/table';
import { StatusTabs } from '@/components/admin/list/tabs';
import { DESK_STATUS_LABEL } from '@/components/disputes/status';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { money, stamp } from '@/components/flights/format';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Disputes' };

const TABS = [
  { status: 'open', label: 'Open' },
  { status: 'awaiting_evidence', label: 'Awaiting evidence' },
  { status: 'escalated', label: 'With the jury' },
  { status: 'resolved', label: 'Resolved' },
  { status: 'closed', label: 'Closed' },
] as const;

export default async function DisputeQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer } = await consolePage('disputes.manage');
  const parsed = listQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const status = query.status ?? (query.pnr ? undefined : 'open');
  const { page, stale } = await readListPage(() => listDisputes(viewer.id, true, { status, pnr: query.pnr, cursor: query.cursor, limit: 25 }), { data: [], nextCursor: null });
  const href = (extra: Record<string, string | undefined> = {}) => listHref('/admin/disputes', { status, pnr: query.pnr, ...extra });

  return (
    <>
      <ListHeader title="Disputes">
        Travellers’ disputes, newest first. The escrow of a disputed booking is frozen until it is resolved here or by the TRQ jury.
      </ListHeader>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <StatusTabs label="Dispute status" current={status} tabs={TABS.map((t) => ({ value: t.status, label: t.label, href: listHref('/admin/disputes', { status: t.status }) }))} />
        <form role="search" className="flex gap-2" action="/admin/disputes">
          <label htmlFor="dispute-pnr" className="sr-only">Booking reference</label>
          <Input id="dispute-pnr" name="pnr" defaultValue={query.pnr ?? ''} placeholder="Booking reference" maxLength={6} className="w-40 font-mono uppercase" />
          <Button type="submit" variant="outline">Find</Button>
        </form>
      </div>
      {!parsed.success && <p role="alert" className="text-sm text-destructive">{parsed.error.issues[0]?.message}</p>}
      {stale && <ListProblem>That page of disputes can no longer be read; <Link href={href()} className="underline">start from the first page</Link>.</ListProblem>}
      <ListTable
        caption="Disputes, newest first"
        className="min-w-[48rem]"
        rows={page.data}
        rowKey={(d) => d.id}
        rowData={(d) => ({ 'data-pnr': d.pnr })}
        empty={stale ? null : <EmptyState icon={GavelIcon} title={query.pnr ? `No disputes on ${query.pnr}` : `No ${status ? DESK_STATUS_LABEL[status].toLowerCase() : ''} disputes`} />}
        columns={[
          {
            header: 'Booking',
            cell: (d) => (
              <Link href={`/admin/disputes/${d.id}`} className="font-mono font-semibold tracking-widest text-primary underline-offset-4 hover:underline">{d.pnr}</Link>
            ),
          },
          { header: 'Traveller', cell: (d) => d.traveller_name },
          {
            header: 'Reason',
            className: 'max-w-xs',
            cell: (d) => (
              <>
                <span className="line-clamp-2">{d.reason}</span>
                <span className="text-xs text-muted-foreground">{d.evidence_count} file{d.evidence_count === 1 ? '' : 's'}</span>
              </>
            ),
          },
          { header: 'Held', className: 'tabular-nums', cell: (d) => money(d.held_minor, d.currency, { cents: true }) },
          { header: 'Status', cell: (d) => <Badge variant="secondary">{DESK_STATUS_LABEL[d.status]}</Badge> },
          { header: 'Opened', className: 'whitespace-nowrap', cell: (d) => stamp(d.created_at) },
        ]}
      />
      <ListPager first={query.cursor ? href() : null} next={page.nextCursor ? href({ cursor: page.nextCursor }) : null} nextLabel="Older disputes" />
    </>
  );
}
