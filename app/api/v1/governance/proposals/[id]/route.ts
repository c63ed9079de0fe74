import { proposal } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { getProposal } from '@/lib/governance/proposals';
import { proposalIdParams } from '@/lib/governance/schemas';

export const dynamic = 'force-dynamic';

// One proposal: body, parameter diff, timeline, tally, quorum and the viewer's power at the snapshot.
export const GET = handler({ name: 'governance.proposal', auth: 'optional', params: proposalIdParams, response: proposal }, async ({ params, viewer }) =>
  getProposal(params.id, viewer?.id ?? null));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
