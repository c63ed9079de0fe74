import type { Metadata } from 'next';
import { consolePage } from '@/lib/admin/console-page';
import { isHttpProblem } from '@/lib/http/problem';
import { chainSyncsQuery, listChainSyncs } from '@/lib/loyalty/chain-sync-admin';
import { loyaltyChainTarget } from '@/lib/loyalty/chain-sync-job';
import { AirdropsPanel } from '@/components/admin/loyalty/airdrops-panel';
import { CampaignsPanel } from '@/components/admin/loyalty/campaigns-panel';
import { ChainSyncPanel } from '@/components/admin/loyalty/chain-sync-panel';
import { MemberLookup } from '@/components/admin/loyalty/member-lookup';
import { retryChainSyncAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Rewards' };

export default async function AdminLoyaltyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await consolePage('rewards.manage');
  const { sync, cursor } = await searchParams;
  const parsed = chainSyncsQuery.safeParse({ status: sync ?? 'failed', cursor, limit: 25 });
  const query = parsed.success ? parsed.data : { status: 'failed' as const, limit: 25 };
  // a cursor this list did not issue (a hand-edited URL) shows the first page
  const syncs = await listChainSyncs(query).catch((err) => {
    if (!isHttpProblem(err)) throw err;
    return listChainSyncs({ status: query.status, limit: 25 });
  });
  const target = loyaltyChainTarget();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Rewards</h1>
        <p className="text-muted-foreground">Look up a member and adjust their points; run bonus campaigns; airdrop points or badges. Every change is audited.</p>
      </div>
      <MemberLookup />
      <CampaignsPanel />
      <AirdropsPanel />
      <ChainSyncPanel status={query.status ?? 'failed'} page={syncs} chain={'skipped' in target ? target.skipped : null} retry={retryChainSyncAction} />
    </div>
  );
}
