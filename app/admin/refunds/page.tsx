import type { Metadata } from 'next';
import Link from 'next/link';
import { ReceiptIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { readListPage } from '@/lib/admin/list-page';
import { can } from '@/lib/admin/permissions';
import { listRefundRequests } from '@/lib/refunds/review';
import { queueQuery } from '@/lib/refunds/schema';
import { ListHeader } from '@/components/admin/list/header';
import { listHref } from '@/components/admin/list/href';
import { ListPager } from '@/components/admin/list/pager';
import { ListProblem } from '@/components/admin/list/problem';
import { ListTable } from '@/components/admin/list/table';
import { StatusTabs } from '@/components/admin/list/tabs';
import { DecisionForm } from '@/components/refunds/decision-form';
import { ProposeRefundForm } from '@/components/refunds/propose-refund-form';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { money, stamp } from '@/components/flights/format';
import { decideRefundAction, proposeRefundAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Refund review' };

const TABS = [
  { status: 'pending', label: 'Waiting' },
  { status: 'approved', label: 'Approved' },
  { status: 'denied', label: 'Denied' },
] as const;

export default async function RefundReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer } = await consolePage('refunds.propose');
  const parsed = queueQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const status = query.status ?? 'pending';
  const { page, stale } = await readListPage(() => listRefundRequests({ status, cursor: query.cursor, limit: 25 }), { data: [], nextCursor: null });
  const mayDecide = can(viewer, 'refunds.decide');
  const href = (extra: Record<string, string | undefined> = {}) => listHref('/admin/refunds', { status, ...extra });

  return (
    <>
      <ListHeader title="Refund review">
        Refunds outside a fare’s rules are proposed here and decided by a different finance or admin user. Approval pays through the booking’s
        payment rail. Waiting requests come by the traveller’s loyalty tier, highest first.
      </ListHeader>

      <section aria-labelledby="propose-title" className="flex flex-col gap-2">
        <h2 id="propose-title" className="text-lg font-semibold">
          Propose a refund
        </h2>
        <ProposeRefundForm action={proposeRefundAction} />
      </section>

      <section aria-labelledby="queue-title" className="flex flex-col gap-3">
        <h2 id="queue-title" className="text-lg font-semibold">
          Requests
        </h2>
        <StatusTabs label="Request status" current={status} tabs={TABS.map((t) => ({ value: t.status, label: t.label, href: listHref('/admin/refunds', { status: t.status }) }))} />
        {stale && <ListProblem>That page of requests can no longer be read; <Link href={href()} className="underline">start from the first page</Link>.</ListProblem>}
        <ListTable
          caption={status === 'pending' ? 'Refund requests waiting, by the traveller’s loyalty tier (highest first), then newest first' : `${status} refund requests, newest first`}
          className="min-w-[52rem]"
          rows={page.data}
          rowKey={(r) => r.id}
          rowData={(r) => ({ 'data-pnr': r.pnr })}
          empty={stale ? null : <EmptyState icon={ReceiptIcon} title={status === 'pending' ? 'Nothing waiting for a decision' : `No ${status} requests`} />}
          columns={[
            {
              header: 'Booking',
              cell: (r) => (
                <>
                  <span className="font-mono font-semibold tracking-widest">{r.pnr}</span>
                  <span className="block text-xs text-muted-foreground">booking {r.booking_status}</span>
                  {r.tier !== 'blue' && <Badge variant="outline" className="mt-1 capitalize" data-tier={r.tier}>{r.tier} member</Badge>}
                </>
              ),
            },
            {
              header: 'Refund',
              className: 'tabular-nums',
              cell: (r) => (
                <>
                  {money(r.refund_minor, r.currency, { cents: true })}
                  <span className="block text-xs text-muted-foreground">
                    of {money(r.total_minor, r.currency, { cents: true })} · {r.kind}
                  </span>
                </>
              ),
            },
            { header: 'Reason', className: 'max-w-xs', cell: (r) => r.reason },
            {
              header: 'Proposed',
              cell: (r) => (
                <>
                  {r.proposed_by_name}
                  <span className="block text-xs text-muted-foreground">
                    {r.proposed_role} · {stamp(r.created_at)}
                  </span>
                </>
              ),
            },
            {
              header: 'Decision',
              cell: (r) =>
                r.status !== 'pending' ? (
                  <>
                    <Badge variant={r.status === 'approved' ? 'success' : 'secondary'}>{r.status}</Badge>
                    <span className="mt-1 block text-xs text-muted-foreground">
                      by {r.decided_by_name} ({r.decided_role}){r.decision_reason ? `: ${r.decision_reason}` : ''}
                    </span>
                  </>
                ) : !mayDecide ? (
                  <span className="text-muted-foreground">Waiting for finance or an admin</span>
                ) : r.proposed_by === viewer.id ? (
                  <span className="text-muted-foreground">You proposed this; another finance or admin user decides it.</span>
                ) : (
                  <DecisionForm id={r.id} pnr={r.pnr} action={decideRefundAction} />
                ),
            },
          ]}
        />
        <ListPager first={query.cursor ? href() : null} next={page.nextCursor ? href({ cursor: page.nextCursor }) : null} nextLabel="More requests" />
      </section>
    </>
  );
}
