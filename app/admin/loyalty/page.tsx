import type { Metadata } from 'next';
import { consolePage } from '@/lib/admin/console-page';
import { isHttpProblem } from '@/lib/http/problem';
import { reconciliationQuery, reconciliationReport } from '@/lib/loyalty/chain-reconcile-admin';
import { chainSyncsQuery, listChainSyncs } from '@/lib/loyalty/chain-sync-admin';
import { loyaltyChainTarget } from '@/lib/loyalty/chain-sync-job';
import { feeRebateTarget } from '@/lib/loyalty/fee-rebates-job';
import { feeRebatesQuery, listFeeRebates } from '@/lib/loyalty/fee-rebates-admin';
import { loyaltyParameterGroups } from '@/lib/loyalty/parameters-view';
import { governanceParameters } from '@/lib/governance/parameters';
import { AirdropsPanel } from '@/components/admin/loyalty/airdrops-panel';
import { CampaignsPanel } from '@/components/admin/loyalty/campaigns-panel';
import { ChainSyncPanel } from '@/components/admin/loyalty/chain-sync-panel';
import { FeeRebatesPanel } from '@/components/admin/loyalty/fee-rebates-panel';
import { MemberLookup } from '@/components/admin/loyalty/member-lookup';
import { ParametersPanel } from '@/components/admin/loyalty/parameters-panel';
import { ReconciliationPanel } from '@/components/admin/loyalty/reconciliation-panel';
import { checkChainNowAction, requeueChainSyncAction, retryChainSyncAction, retryFeeRebateAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Rewards' };

type Params = Record<string, string | string[] | undefined>;

/** A list's page from the URL; a cursor the list did not issue (a hand-edited URL) shows the first page. */
async function firstPageOnBadCursor<T>(load: (withCursor: boolean) => Promise<T>): Promise<T> {
  return load(true).catch((err) => {
    if (!isHttpProblem(err)) throw err;
    return load(false);
  });
}

export default async function AdminLoyaltyPage({ searchParams }: { searchParams: Promise<Params> }) {
  await consolePage('rewards.manage');
  const { sync, cursor, rebates, rebates_cursor: rebatesCursor, run, mismatches } = await searchParams;
  const parsed = chainSyncsQuery.safeParse({ status: sync ?? 'failed', cursor, limit: 25 });
  const query = parsed.success ? parsed.data : { status: 'failed' as const, limit: 25 };
  const rebateParsed = feeRebatesQuery.safeParse({ status: rebates ?? 'failed', cursor: rebatesCursor, limit: 25 });
  const rebateQuery = rebateParsed.success ? rebateParsed.data : { status: 'failed' as const, limit: 25 };
  const reportParsed = reconciliationQuery.safeParse({ run, cursor: mismatches, limit: 25 });
  const reportQuery = reportParsed.success ? reportParsed.data : { limit: 25 };
  const [syncs, rebatePage, report, parameters] = await Promise.all([
    firstPageOnBadCursor((c) => listChainSyncs(c ? query : { status: query.status, limit: 25 })),
    firstPageOnBadCursor((c) => listFeeRebates(c ? rebateQuery : { status: rebateQuery.status, limit: 25 })),
    // an unknown run (a hand-edited URL) shows the latest
    firstPageOnBadCursor((c) => reconciliationReport(c ? reportQuery : { limit: 25 })),
    governanceParameters(),
  ]);
  const target = loyaltyChainTarget();
  const rebateTarget = feeRebateTarget();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Rewards</h1>
        <p className="text-muted-foreground">Look up a member and adjust their points; run bonus campaigns; airdrop points or badges. Every change is audited. The programme’s rules are governed: they are shown here as in force.</p>
      </div>
      <MemberLookup />
      <CampaignsPanel />
      <AirdropsPanel />
      <ParametersPanel groups={loyaltyParameterGroups(parameters)} />
      <ChainSyncPanel status={query.status ?? 'failed'} page={syncs} chain={'skipped' in target ? target.skipped : null} retry={retryChainSyncAction} />
      <ReconciliationPanel report={report} chain={'skipped' in target ? target.skipped : null} requeue={requeueChainSyncAction} checkNow={checkChainNowAction} />
      <FeeRebatesPanel status={rebateQuery.status ?? 'failed'} page={rebatePage} chain={'skipped' in rebateTarget ? rebateTarget.skipped : null} retry={retryFeeRebateAction} />
    </div>
  );
}
