import Link from 'next/link';
import { CheckCircle2Icon } from 'lucide-react';
import { FEE_REBATE_STATUSES, type AdminFeeRebate, type FeeRebateStatus } from '@/lib/loyalty/fee-rebates-admin';
import type { ActionResult } from '@/lib/http/action';
import { money, stamp } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { ReasonForm } from './reason-form';

const BADGE = { pending: 'warning', submitted: 'warning', confirmed: 'success', failed: 'destructive' } as const;
const EMPTY: Record<FeeRebateStatus, string> = {
  pending: 'No rebate waiting to be paid', submitted: 'No rebate transaction in flight', confirmed: 'No rebate paid yet', failed: 'No failed rebates',
};

type RetryAction = (prev: ActionResult<AdminFeeRebate> | null, form: FormData) => Promise<ActionResult<AdminFeeRebate>>;

/**
 * Tier fee rebates on the soroban rail (the loyalty-fee-rebates job's outbox): by status, what
 * each pays to whom, its last transaction and why it failed, and a retry for a failed one. The
 * job checks the last transaction on chain before it pays again, so a retry never pays twice.
 */
export function FeeRebatesPanel({ status, page, chain, retry }: {
  status: FeeRebateStatus;
  page: { counts: Partial<Record<FeeRebateStatus, number>>; data: AdminFeeRebate[]; nextCursor: string | null };
  /** Why the job is off, or null when it runs. */
  chain: string | null;
  retry: RetryAction;
}) {
  return (
    <section aria-labelledby="fee-rebates-title" className="flex flex-col gap-3" data-testid="fee-rebates">
      <div>
        <h2 id="fee-rebates-title" className="text-lg font-semibold">Tier fee rebates on chain</h2>
        <p className="text-sm text-muted-foreground">
          The tier share of the platform fee paid back to the account that paid an on-chain booking.{' '}
          {chain ? `Payment is off here (${chain}).` : 'Paid every minute.'}
        </p>
      </div>
      <nav aria-label="Rebate status" className="flex flex-wrap gap-2">
        {FEE_REBATE_STATUSES.map((s) => (
          <Link key={s} href={`/admin/loyalty?rebates=${s}#fee-rebates-title`} aria-current={s === status ? 'page' : undefined}
            className={cn('rounded-full border px-3 py-1 text-sm', s === status ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-accent')}>
            {s} <span className="tabular-nums">({page.counts[s] ?? 0})</span>
          </Link>
        ))}
      </nav>
      {page.data.length === 0 ? (
        <EmptyState icon={CheckCircle2Icon} title={EMPTY[status]} />
      ) : (
        <div className="overflow-x-auto rounded-xl border bg-card">
          <table className="w-full min-w-[52rem] text-sm">
            <caption className="sr-only">Fee rebates that are {status}, newest first</caption>
            <thead className="border-b text-left text-muted-foreground">
              <tr>
                <th scope="col" className="p-3 font-medium">Booking</th>
                <th scope="col" className="p-3 font-medium">Rebate</th>
                <th scope="col" className="p-3 font-medium">Status</th>
                <th scope="col" className="p-3 font-medium">Last error</th>
                <th scope="col" className="p-3 font-medium">Action</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {page.data.map((r) => (
                <tr key={r.chain_booking_id} className="align-top">
                  <td className="p-3">
                    <span className="font-mono">{r.pnr}</span>
                    <span className="block font-mono text-xs text-muted-foreground">escrow #{r.chain_booking_id}</span>
                  </td>
                  <td className="p-3">
                    <span className="tabular-nums">{money(r.amount_minor, r.currency, { cents: true })}</span> · {r.tier} ({r.bps / 100}% of {money(r.fee_minor, r.currency, { cents: true })})
                    <span className="block break-all font-mono text-xs text-muted-foreground">to {r.address}</span>
                  </td>
                  <td className="p-3">
                    <Badge variant={BADGE[r.status]}>{r.status}</Badge>
                    <span className="block text-xs text-muted-foreground">{r.attempts} attempt{r.attempts === 1 ? '' : 's'} · {stamp(r.updated_at)}</span>
                  </td>
                  <td className="max-w-xs break-words p-3 text-xs">{r.error ?? '—'}{r.tx_hash && <span className="mt-1 block break-all font-mono text-muted-foreground">last transfer {r.tx_hash}</span>}</td>
                  <td className="p-3">
                    {r.status === 'failed'
                      ? <ReasonForm id={`retry-rebate-${r.chain_booking_id}`} hidden={{ chainBookingId: r.chain_booking_id }} action={retry}
                          submit="Retry" what={`the rebate of booking ${r.pnr}`} done="Queued again" />
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && (
        <Link href={`/admin/loyalty?rebates=${status}&rebates_cursor=${page.nextCursor}#fee-rebates-title`} className="self-end text-sm text-primary underline">More rebates</Link>
      )}
    </section>
  );
}
