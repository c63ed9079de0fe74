import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { multisigProposals } from '@/lib/settlements/multisig';

export const dynamic = 'force-dynamic';

// The admin multisig's open proposals (neither executed nor expired) from the indexed chain
// events, with approvals so far and the last known threshold. settlements.manage; read-only.
export const GET = handler({ name: 'admin.multisig.proposals', auth: 'signed-in' }, async ({ viewer }) => {
  requirePermission(viewer, 'settlements.manage');
  return { data: await multisigProposals() };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
