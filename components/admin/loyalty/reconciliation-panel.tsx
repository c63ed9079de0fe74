import Link from 'next/link';
import { ScaleIcon } from 'lucide-react';
import type { ChainMismatch, MismatchKind, ReconciliationReport } from '@/lib/loyalty/chain-reconcile-admin';
import type { ChainSyncRow } from '@/lib/loyalty/chain-sync-admin';
import type { ActionResult } from '@/lib/http/action';
import { stamp } from '@/components/flights/format';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { EmptyState } from '@/components/ui/empty-state';
import { CheckNowForm } from './check-now-form';
import { ReasonForm } from './reason-form';
import { TableScroll } from '@/components/ui/table-scroll';

const KIND: Record<MismatchKind, string> = {
  missing: 'no record on chain', points: 'points differ', tier: 'tier differs',
  chain_ahead: 'chain ahead of this database', chain_behind: 'chain behind what was confirmed',
};

type RequeueAction = (prev: ActionResult<ChainSyncRow> | null, form: FormData) => Promise<ActionResult<ChainSyncRow>>;
type CheckAction = (prev: ActionResult<Record<string, unknown>> | null, form: FormData) => Promise<ActionResult<Record<string, unknown>>>;

function Side({ points, tier, detail }: { points: number; tier: string; detail: string }) {
  return (
    <>
      <span className="tabular-nums">{points.toLocaleString('en-US')} points · {tier}</span>
      <span className="block text-xs text-muted-foreground">{detail}</span>
    </>
  );
}

const engineDetail = (e: ChainMismatch['engine']) =>
  `version ${e.version}${e.synced_version !== e.version ? ` (chain confirmed ${e.synced_version})` : ''} · sync ${e.sync_status.replace('_', ' ')}`;

function action(r: ChainMismatch, runId: number, requeue: RequeueAction) {
  if (r.requeued_at) return <span className="text-xs text-muted-foreground">Re-queued {stamp(r.requeued_at)}{r.sync_status_now ? ` · now ${r.sync_status_now}` : ''}</span>;
  if (r.sync_status_now === 'pending' || r.sync_status_now === 'submitted') return <span className="text-xs text-muted-foreground">Sync {r.sync_status_now}</span>;
  return <ReasonForm id={`requeue-${r.member_id}`} hidden={{ memberId: r.member_id, run_id: String(runId) }} action={requeue}
    submit="Re-queue" what={`the sync of member ${r.member_id.slice(0, 8)}`} done="Sync queued again" />;
}

/**
 * The reconciliation of the loyalty contract mirror: the latest run's counts and every member
 * whose on-chain record disagrees with the engine, both sides side by side, with a re-queue of
 * the member's sync (audited).
 */
export function ReconciliationPanel({ report, chain, requeue, checkNow }: {
  report: ReconciliationReport;
  /** Why the chain is off here, or null. */
  chain: string | null;
  requeue: RequeueAction;
  checkNow: CheckAction;
}) {
  const { run, running } = report;
  return (
    <section aria-labelledby="reconciliation-title" className="flex flex-col gap-3" data-testid="chain-reconciliation">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="reconciliation-title" className="text-lg font-semibold">On chain against the engine</h2>
          <p className="text-sm text-muted-foreground">
            Every mirrored member’s record read back from the loyalty contract and compared with their points and tier here.{' '}
            {chain ? `The check is off here (${chain}).` : 'Checked every hour.'}
          </p>
        </div>
        {!chain && <CheckNowForm action={checkNow} />}
      </div>
      {running && <p role="status" className="text-sm text-muted-foreground">A check started {stamp(running.started_at)} is running ({running.checked} read so far).</p>}
      {run === null ? (
        <EmptyState icon={ScaleIcon} title="Not checked yet" />
      ) : (
        <>
          <p className="text-sm" data-testid="reconciliation-summary">
            Check #{run.id} ({run.source === 'job' ? 'the hourly job' : 'an admin'}), {stamp(run.finished_at ?? run.started_at)}:{' '}
            <strong className="tabular-nums">{run.checked}</strong> members read, <span className="tabular-nums">{run.in_step}</span> in step,{' '}
            <span className="tabular-nums">{run.in_flight}</span> with a sync on its way, <strong className="tabular-nums">{run.mismatched}</strong> disagreeing.
          </p>
          {run.status === 'failed' && <Banner variant="error" title="This check stopped early">{run.error}</Banner>}
          {report.data.length === 0 ? (
            <EmptyState icon={ScaleIcon} title={run.status === 'failed' ? 'No disagreement found before it stopped' : 'The chain agrees with the engine'} />
          ) : (
            <TableScroll label="Members whose on-chain record disagrees" className="rounded-xl border bg-card">
              <table className="w-full min-w-[56rem] text-sm">
                <caption className="sr-only">Members whose on-chain record disagrees with the engine, check #{run.id}</caption>
                <thead className="border-b text-left text-muted-foreground">
                  <tr>
                    <th scope="col" className="p-3 font-medium">Member</th>
                    <th scope="col" className="p-3 font-medium">What differs</th>
                    <th scope="col" className="p-3 font-medium">Engine</th>
                    <th scope="col" className="p-3 font-medium">Chain</th>
                    <th scope="col" className="p-3 font-medium">Action</th>
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {report.data.map((r) => (
                    <tr key={r.member_id} className="align-top">
                      <td className="p-3">
                        <span className="font-mono">{r.member_id.slice(0, 8)}</span>
                        <span className="block break-all font-mono text-xs text-muted-foreground">{r.address}</span>
                      </td>
                      <td className="p-3"><div className="flex flex-wrap gap-1">{r.kinds.map((k) => <Badge key={k} variant="destructive">{KIND[k]}</Badge>)}</div></td>
                      <td className="p-3"><Side points={r.engine.points} tier={r.engine.tier} detail={engineDetail(r.engine)} /></td>
                      <td className="p-3">{r.chain ? <Side points={r.chain.points} tier={r.chain.tier} detail={`sync_seq ${r.chain.sync_seq}`} /> : <span className="text-muted-foreground">no record</span>}</td>
                      <td className="p-3">{action(r, run.id, requeue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {report.nextCursor && (
            <Link href={`/admin/loyalty?run=${run.id}&mismatches=${report.nextCursor}#reconciliation-title`} className="self-end text-sm text-primary underline">More members</Link>
          )}
        </>
      )}
    </section>
  );
}
