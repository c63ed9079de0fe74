import type { Metadata } from 'next';
import Link from 'next/link';
import { CheckCircle2Icon, LandmarkIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { readListPage } from '@/lib/admin/list-page';
import { can } from '@/lib/admin/permissions';
import { db } from '@/lib/db/connect';
import { reconcileBookings } from '@/lib/indexer/reconcile';
import { describeAction, multisigProposals } from '@/lib/settlements/multisig';
import { multisigChain } from '@/lib/settlements/multisig-chain';
import { listSettlements, payoutAccounts, SETTLEMENT_STATUSES, settlementsQuery } from '@/lib/settlements/outbox';
import { ListHeader } from '@/components/admin/list/header';
import { listHref } from '@/components/admin/list/href';
import { ListPager } from '@/components/admin/list/pager';
import { ListProblem } from '@/components/admin/list/problem';
import { ListTable } from '@/components/admin/list/table';
import { StatusTabs } from '@/components/admin/list/tabs';
import { PayoutAccountForm } from '@/components/airline/payout-account-form';
import { money, stamp } from '@/components/flights/format';
import { MultisigStepDialog } from '@/components/money/multisig-step-dialog';
import { SettlementMovedCell } from '@/components/money/settlement-moved';
import { RetrySettlementForm } from '@/components/money/retry-settlement-form';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { retrySettlementAction, setPayoutAccountAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Money on chain' };

const BADGE = { pending: 'warning', submitted: 'warning', confirmed: 'success', failed: 'destructive' } as const;

// Money on chain (finance, admin): the soroban rail's settlement outbox with its failed rows and
// their retry, the reconciliation report (escrow vs app), and every airline's payout account.
export default async function MoneyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer } = await consolePage('settlements.manage');
  const parsed = settlementsQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const status = query.status ?? 'failed';
  const [{ page, stale }, report, accounts, multisig] = await Promise.all([
    readListPage(() => listSettlements({ status, cursor: query.cursor, limit: 25 }), { data: [], counts: {}, nextCursor: null }),
    reconcileBookings(await db()),
    payoutAccounts(),
    multisigProposals(),
  ]);
  const href = (extra: Record<string, string | undefined> = {}) => listHref('/admin/money', { status, ...extra });
  const mayChangeAccounts = can(viewer, 'payouts.manage');
  const chain = multisigChain();
  // what the browser needs to build a signer's transaction (no key, no server-side signing)
  const target = chain && { contractId: chain.contractId, networkPassphrase: chain.networkPassphrase, rpcUrl: chain.rpcUrl };

  return (
    <>
      <ListHeader title="Money on chain">
        The settlement outbox the server signer drains, what the escrow says next to what the app says, and where each airline is paid.
      </ListHeader>

      <section aria-labelledby="outbox-title" className="flex flex-col gap-3">
        <h2 id="outbox-title" className="text-lg font-semibold">Settlement outbox</h2>
        <StatusTabs
          label="Settlement status"
          current={status}
          tabs={SETTLEMENT_STATUSES.map((s) => ({ value: s, href: listHref('/admin/money', { status: s }), label: <>{s} <span className="tabular-nums">({page.counts[s] ?? 0})</span></> }))}
        />
        {stale && <ListProblem>That page of settlements can no longer be read; <Link href={href()} className="underline">start from the first page</Link>.</ListProblem>}
        <ListTable
          caption={`Settlements with status ${status}, newest first`}
          className="min-w-[56rem]"
          rows={page.data}
          rowKey={(s) => s.id}
          rowData={(s) => ({ 'data-settlement-id': s.id })}
          empty={stale ? null : <EmptyState icon={CheckCircle2Icon} title={status === 'failed' ? 'No failed settlements' : `No ${status} settlements`} />}
          columns={[
            { header: 'Settlement', className: 'tabular-nums', cell: (s) => <>#{s.id}<span className="block text-xs text-muted-foreground">{stamp(s.updated_at)}</span></> },
            {
              header: 'Booking',
              cell: (s) => (
                <>
                  <Link href={`/admin/bookings/${s.pnr}`} className="font-mono underline underline-offset-4">{s.pnr}</Link>
                  <span className="block text-xs text-muted-foreground">segment {s.seq} · {s.airline} · escrow #{s.chain_booking_id}</span>
                </>
              ),
            },
            {
              header: 'Kind',
              cell: (s) => (
                <>
                  {s.kind}
                  {s.kind === 'cancellation' && <span className="block text-xs text-muted-foreground">refund {money(s.refund_minor, s.currency, { cents: true })}</span>}
                </>
              ),
            },
            { header: 'Moved on chain', className: 'text-xs', cell: (s) => <SettlementMovedCell row={s} /> },
            {
              header: 'Status',
              cell: (s) => <><Badge variant={BADGE[s.status]}>{s.status}</Badge><span className="block text-xs text-muted-foreground">{s.attempts} attempt{s.attempts === 1 ? '' : 's'}</span></>,
            },
            {
              header: 'Last error',
              className: 'max-w-xs break-words text-xs',
              cell: (s) => <>{s.error ?? '—'}{s.tx_hash && <span className="block break-all font-mono">{s.tx_hash}</span>}</>,
            },
            { header: 'Action', cell: (s) => (s.status === 'failed' ? <RetrySettlementForm id={s.id} pnr={s.pnr} action={retrySettlementAction} /> : '—') },
          ]}
        />
        <ListPager first={query.cursor ? href() : null} next={page.nextCursor ? href({ cursor: page.nextCursor }) : null} nextLabel="Older settlements" />
      </section>

      <section aria-labelledby="recon-title" className="flex flex-col gap-3">
        <h2 id="recon-title" className="text-lg font-semibold">Reconciliation</h2>
        <p className="text-sm">
          <span className="tabular-nums">{report.checked}</span> on-chain bookings checked · <span className="tabular-nums">{report.consistent}</span> agree ·{' '}
          <span className={cn('tabular-nums', report.mismatches.length && 'font-semibold text-destructive')}>{report.mismatches.length}</span> mismatches
        </p>
        {report.mismatches.length > 0 && (
          <ul className="flex flex-col gap-1 rounded-xl border bg-card p-3 text-sm" aria-label="Mismatches">
            {report.mismatches.slice(0, 50).map((m) => (
              <li key={`${m.booking_id}-${m.segment_seq}`}><Badge variant="outline">{m.problem.replaceAll('_', ' ')}</Badge> {m.detail}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="multisig-title" className="flex flex-col gap-3">
        <h2 id="multisig-title" className="text-lg font-semibold">Admin multisig proposals</h2>
        <p className="text-sm text-muted-foreground">
          Privileged changes to the contracts wait here for the signers’ approvals, as the chain event index has them
          {multisig.threshold ? ` (${multisig.threshold} of ${multisig.signers?.length ?? '?'} signers needed)` : ''}. Signers approve, and execute once
          enough have, from their own wallet{target ? '' : ' (this server has no multisig contract configured, so there is nothing to sign here)'}.
        </p>
        {multisig.proposals.length === 0 ? (
          <p className="text-sm">No open proposal.</p>
        ) : (
          <ul className="flex flex-col divide-y rounded-xl border bg-card text-sm" aria-label="Open proposals">
            {multisig.proposals.map((p) => (
              <li key={`${p.contract_id}-${p.id}`} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <span>
                  <span className="font-medium">#{p.id}</span> {describeAction(p.action)}
                  <span className="block text-xs text-muted-foreground">proposed {stamp(p.proposed_at)} · expires {stamp(p.expires_at)}</span>
                </span>
                <span className="flex flex-wrap items-center gap-2">
                  <Badge variant={p.executable ? 'success' : 'warning'}>
                    {p.approvals}{multisig.threshold ? ` of ${multisig.threshold}` : ''} approvals{p.executable ? ' · ready to execute' : ''}
                  </Badge>
                  {target && p.contract_id === target.contractId && (
                    p.executable
                      ? <MultisigStepDialog target={target} proposalId={p.id} step="execute" summary={`Execute: ${describeAction(p.action)}`} />
                      : <MultisigStepDialog target={target} proposalId={p.id} step="approve" summary={`Approve: ${describeAction(p.action)}`} />
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="accounts-title" className="flex flex-col gap-3">
        <h2 id="accounts-title" className="text-lg font-semibold">Airline payout accounts</h2>
        <p className="text-sm text-muted-foreground">Airlines without one here are paid through the platform’s clearing account.</p>
        <ListTable
          caption="Where each airline with its own account is paid on chain"
          className="min-w-[36rem]"
          rows={accounts}
          rowKey={(a) => a.airline}
          rowData={(a) => ({ 'data-airline': a.airline })}
          empty={<EmptyState icon={LandmarkIcon} title="No airline has its own payout account yet" />}
          columns={[
            { header: 'Airline', cell: (a) => <><span className="font-mono">{a.airline}</span> <span className="text-muted-foreground">{a.name}</span></> },
            { header: 'Address', className: 'break-all font-mono text-xs', cell: (a) => a.address },
            { header: 'Set', className: 'text-xs text-muted-foreground', cell: (a) => (a.updated_at ? stamp(a.updated_at) : '—') },
          ]}
        />
        {mayChangeAccounts && (
          <div className="flex flex-col gap-2">
            <h3 className="text-base font-semibold">Change an airline’s account</h3>
            <PayoutAccountForm current={null} action={setPayoutAccountAction} />
          </div>
        )}
      </section>
    </>
  );
}
