import { FEE_REBATE_STATUSES, type AdminFeeRebate, type FeeRebateStatus } from '@/lib/loyalty/fee-rebates-admin';
import type { ActionResult } from '@/lib/http/action';
import { money } from '@/components/flights/format';
import { OutboxPanel } from './outbox-panel';
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
    <OutboxPanel
      id="fee-rebates" title="Tier fee rebates on chain" filterLabel="Rebate status"
      description={<>The tier share of the platform fee paid back to the account that paid an on-chain booking.{' '}
        {chain ? `Payment is off here (${chain}).` : 'Paid every minute.'}</>}
      statuses={FEE_REBATE_STATUSES} status={status} label={(s) => s} badge={BADGE} empty={EMPTY}
      caption={`Fee rebates that are ${status}, newest first`}
      hrefFor={(s) => `/admin/loyalty?rebates=${s}#fee-rebates-title`}
      page={page} rowKey={(r) => r.chain_booking_id}
      columns={[
        { header: 'Booking', cell: (r) => <>
          <span className="font-mono">{r.pnr}</span>
          <span className="block font-mono text-xs text-muted-foreground">escrow #{r.chain_booking_id}</span>
        </> },
        { header: 'Rebate', cell: (r) => <>
          <span className="tabular-nums">{money(r.amount_minor, r.currency, { cents: true })}</span> · {r.tier} ({r.bps / 100}% of {money(r.fee_minor, r.currency, { cents: true })})
          <span className="block break-all font-mono text-xs text-muted-foreground">to {r.address}</span>
        </> },
      ]}
      txLabel="last transfer"
      action={(r) => (r.status === 'failed'
        ? <ReasonForm id={`retry-rebate-${r.chain_booking_id}`} hidden={{ chainBookingId: r.chain_booking_id }} action={retry}
            submit="Retry" what={`the rebate of booking ${r.pnr}`} done="Queued again" />
        : null)}
      moreHref={(cursor) => `/admin/loyalty?rebates=${status}&rebates_cursor=${cursor}#fee-rebates-title`} moreLabel="More rebates"
    />
  );
}
