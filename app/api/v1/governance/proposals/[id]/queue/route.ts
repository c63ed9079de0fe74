import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { queueProposal } from '@/lib/governance/proposals';
import { proposalIdParams } from '@/lib/governance/schemas';

export const dynamic = 'force-dynamic';

// Anyone signed in may queue a succeeded parameter proposal into the timelock (the job does too).
export const POST = handler({ name: 'governance.queue', auth: 'signed-in', params: proposalIdParams }, async ({ viewer, params }) =>
  queueProposal(viewer.id, params.id));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
