import { proposal } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { cancelProposal } from '@/lib/governance/proposals';
import { proposalIdParams } from '@/lib/governance/schemas';

export const dynamic = 'force-dynamic';

// The proposer withdraws their proposal while it is pending.
export const POST = handler({ name: 'governance.cancel', auth: 'signed-in', params: proposalIdParams, response: proposal }, async ({ viewer, params }) =>
  cancelProposal(viewer.id, params.id));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
