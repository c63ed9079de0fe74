import type { Metadata } from 'next';
import Link from 'next/link';
import { CheckCircle2Icon, LandmarkIcon } from 'lucide-react';
import { consolePage } from '@/lib/admin/console-page';
import { can } from '@/lib/admin/permissions';
import { db } from '@/lib/db/connect';
import { reconcileBookings } from '@/lib/indexer/reconcile';
import { describeAction, multisigProposals } from '@/lib/settlements/multisig';
import { multisigChain } from '@/lib/settlements/multisig-chain';
import { listSettlements, payoutAccounts, SETTLEMENT_STATUSES, settlementsQuery } from '@/lib/settlements/outbox';
import { PayoutAccountForm } from '@/components/airline/payout-account-form';
import { money, stamp } from '@/components/flights/format';
import { MultisigStepDialog } from '@/components/money/multisig-step-dialog';
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
  const [page, report, accounts, multisig] = await Promise.all([
    listSettlements({ status, cursor: query.cursor, limit: 25 }),
    reconcileBookings(await db()),
    payoutAccounts(),
    multisigProposals(),
  ]);
  const mayChangeAccounts = can(viewer, 'payouts.manage');
  const chain = multisigChain();
  // what the browser needs to build a signer's transaction (no key, no server-side signing)
  const target = chain && { contractId: chain.contractId, networkPassphrase: chain.networkPassphrase, rpcUrl: chain.rpcUrl };

  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Money on chain</h1>
        <p className="text-sm text-muted-foreground">
          The settlement outbox the server signer drains, what the escrow says next to what the app says, and where each airline is paid.
        </p>
      </div>

      <section aria-labelledby="outbox-title" className="flex flex-col gap-3">
        <h2 id="outbox-title" className="text-lg font-semibold">Settlement outbox</h2>
        <nav aria-label="Settlement status" className="flex flex-wrap gap-2">
          {SETTLEMENT_STATUSES.map((s) => (
            <Link key={s} href={`/admin/money?status=${s}`} aria-current={s === status ? 'page' : undefined}
              className={cn('rounded-full border px-3 py-1 text-sm', s === status ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-accent')}>
              {s} <span className="tabular-nums">({page.counts[s] ?? 0})</span>
            </Link>
          ))}
        </nav>
        {page.data.length === 0 ? (
          <EmptyState icon={CheckCircle2Icon} title={status === 'failed' ? 'No failed settlements' : `No ${status} settlements`} />
        ) : (
          <div className="overflow-x-auto rounded-xl border bg-card">
            <table className="w-full min-w-[56rem] text-sm">
              <caption className="sr-only">Settlements with status {status}, newest first</caption>
              <thead className="border-b text-left text-muted-foreground">
                <tr>
                  <th scope="col" className="p-3 font-medium">Settlement</th>
                  <th scope="col" className="p-3 font-medium">Booking</th>
                  <th scope="col" className="p-3 font-medium">Kind</th>
                  <th scope="col" className="p-3 font-medium">Status</th>
                  <th scope="col" className="p-3 font-medium">Last error</th>
                  <th scope="col" className="p-3 font-medium">Action</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {page.data.map((s) => (
                  <tr key={s.id} data-settlement-id={s.id} className="align-top">
                    <td className="p-3 tabular-nums">#{s.id}<span className="block text-xs text-muted-foreground">{stamp(s.updated_at)}</span></td>
                    <td className="p-3">
                      <Link href={`/admin/bookings/${s.pnr}`} className="font-mono underline underline-offset-4">{s.pnr}</Link>
                      <span className="block text-xs text-muted-foreground">segment {s.seq} · {s.airline} · escrow #{s.chain_booking_id}</span>
                    </td>
                    <td className="p-3">
                      {s.kind}
                      {s.kind === 'cancellation' && <span className="block text-xs text-muted-foreground">refund {money(s.refund_minor, s.currency, { cents: true })}</span>}
                    </td>
                    <td className="p-3"><Badge variant={BADGE[s.status]}>{s.status}</Badge><span className="block text-xs text-muted-foreground">{s.attempts} attempt{s.attempts === 1 ? '' : 's'}</span></td>
                    <td className="max-w-xs break-words p-3 text-xs">{s.error ?? '—'}{s.tx_hash && <span className="block break-all font-mono">{s.tx_hash}</span>}</td>
                    <td className="p-3">{s.status === 'failed' ? <RetrySettlementForm id={s.id} pnr={s.pnr} action={retrySettlementAction} /> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.nextCursor && (
          <Link href={`/admin/money?status=${status}&cursor=${page.nextCursor}`} className="self-end text-sm text-primary underline">Older settlements</Link>
        )}
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
        {accounts.length === 0 ? (
          <EmptyState icon={LandmarkIcon} title="No airline has its own payout account yet" />
        ) : (
          <div className="overflow-x-auto rounded-xl border bg-card">
            <table className="w-full min-w-[36rem] text-sm">
              <caption className="sr-only">Where each airline with its own account is paid on chain</caption>
              <thead className="border-b text-left text-muted-foreground">
                <tr>
                  <th scope="col" className="p-3 font-medium">Airline</th>
                  <th scope="col" className="p-3 font-medium">Address</th>
                  <th scope="col" className="p-3 font-medium">Set</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {accounts.map((a) => (
                  <tr key={a.airline} data-airline={a.airline}>
                    <td className="p-3"><span className="font-mono">{a.airline}</span> <span className="text-muted-foreground">{a.name}</span></td>
                    <td className="break-all p-3 font-mono text-xs">{a.address}</td>
                    <td className="p-3 text-xs text-muted-foreground">{a.updated_at ? stamp(a.updated_at) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
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
