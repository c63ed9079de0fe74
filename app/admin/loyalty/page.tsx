import type { Metadata } from 'next';
import { consolePage } from '@/lib/admin/console-page';
import { AirdropsPanel } from '@/components/admin/loyalty/airdrops-panel';
import { CampaignsPanel } from '@/components/admin/loyalty/campaigns-panel';
import { MemberLookup } from '@/components/admin/loyalty/member-lookup';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Rewards' };

export default async function AdminLoyaltyPage() {
  await consolePage('rewards.manage');
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Rewards</h1>
        <p className="text-muted-foreground">Look up a member and adjust their points; run bonus campaigns; airdrop points or badges. Every change is audited.</p>
      </div>
      <MemberLookup />
      <CampaignsPanel />
      <AirdropsPanel />
    </div>
  );
}
