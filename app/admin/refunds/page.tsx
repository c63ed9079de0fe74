import type { Metadata } from 'next';
import Link from 'next/link';
import { ReceiptIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { can } from '@/lib/admin/permissions';
import { listRefundRequests } from '@/lib/refunds/review';
import { queueQuery } from '@/lib/refunds/schema';
import { DecisionForm } from '@/components/refunds/decision-form';
import { ProposeRefundForm } from '@/components/refunds/propose-refund-form';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { money, stamp } from '@/components/flights/format';
import { cn } from '@/components/ui/cn';
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
  const page = await listRefundRequests({ status, cursor: query.cursor, limit: 25 });
  const mayDecide = can(viewer, 'refunds.decide');

  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Refund review</h1>
        <p className="text-sm text-muted-foreground">
          Refunds outside a fare’s rules are proposed here and decided by a different finance or admin user. Approval pays through the booking’s
          payment rail. Waiting requests come by the traveller’s loyalty tier, highest first.
        </p>
      </div>

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
        <nav aria-label="Request status" className="flex gap-2">
          {TABS.map((t) => (
            <Link
              key={t.status}
              href={`/admin/refunds?status=${t.status}`}
              aria-current={t.status === status ? 'page' : undefined}
              className={cn('rounded-full border px-3 py-1 text-sm', t.status === status ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-accent')}
            >
              {t.label}
            </Link>
          ))}
        </nav>
        {page.data.length === 0 ? (
          <EmptyState icon={ReceiptIcon} title={status === 'pending' ? 'Nothing waiting for a decision' : `No ${status} requests`} />
        ) : (
          <div className="overflow-x-auto rounded-xl border bg-card">
            <table className="w-full min-w-[52rem] text-sm">
              <caption className="sr-only">
                {status === 'pending' ? 'Refund requests waiting, by the traveller’s loyalty tier (highest first), then newest first' : `${status} refund requests, newest first`}
              </caption>
              <thead className="border-b text-left text-muted-foreground">
                <tr>
                  <th scope="col" className="p-3 font-medium">Booking</th>
                  <th scope="col" className="p-3 font-medium">Refund</th>
                  <th scope="col" className="p-3 font-medium">Reason</th>
                  <th scope="col" className="p-3 font-medium">Proposed</th>
                  <th scope="col" className="p-3 font-medium">Decision</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {page.data.map((r) => (
                  <tr key={r.id} data-pnr={r.pnr} className="align-top">
                    <td className="p-3">
                      <span className="font-mono font-semibold tracking-widest">{r.pnr}</span>
                      <span className="block text-xs text-muted-foreground">booking {r.booking_status}</span>
                      {r.tier !== 'blue' && <Badge variant="outline" className="mt-1 capitalize" data-tier={r.tier}>{r.tier} member</Badge>}
                    </td>
                    <td className="p-3 tabular-nums">
                      {money(r.refund_minor, r.currency, { cents: true })}
                      <span className="block text-xs text-muted-foreground">
                        of {money(r.total_minor, r.currency, { cents: true })} · {r.kind}
                      </span>
                    </td>
                    <td className="max-w-xs p-3">{r.reason}</td>
                    <td className="p-3">
                      {r.proposed_by_name}
                      <span className="block text-xs text-muted-foreground">
                        {r.proposed_role} · {stamp(r.created_at)}
                      </span>
                    </td>
                    <td className="p-3">
                      {r.status !== 'pending' ? (
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
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.nextCursor && (
          <Link href={`/admin/refunds?status=${status}&cursor=${encodeURIComponent(page.nextCursor)}`} className="self-end text-sm text-primary underline">
            More requests
          </Link>
        )}
      </section>
    </>
  );
}
