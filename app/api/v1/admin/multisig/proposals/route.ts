import { requirePermission } from '@/lib/admin/permissions';
import { pageQuery } from '@/lib/http/cursor';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { multisigPage } from '@/lib/settlements/answers';
import { multisigProposalPage } from '@/lib/settlements/multisig';

export const dynamic = 'force-dynamic';

// The admin multisig's open proposals (neither executed nor expired) from the indexed chain
// events, with approvals so far and the last known threshold, newest first a page at a time
// ({ data: { threshold, signers, proposals }, nextCursor }). settlements.manage; read-only.
export const GET = handler({ name: 'admin.multisig.proposals', auth: 'signed-in', query: pageQuery, response: multisigPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'settlements.manage');
  return multisigProposalPage(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
