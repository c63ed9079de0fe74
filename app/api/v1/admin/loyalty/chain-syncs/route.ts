import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { chainSyncsPage } from '@/lib/loyalty/answers';
import { chainSyncsQuery, listChainSyncs } from '@/lib/loyalty/chain-sync-admin';

export const dynamic = 'force-dynamic';

// The loyalty contract mirror's outbox: members by sync status, most recently changed first.
export const GET = handler({ name: 'admin.loyalty.chain_syncs', auth: 'signed-in', query: chainSyncsQuery, response: chainSyncsPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'rewards.manage');
  return listChainSyncs(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
