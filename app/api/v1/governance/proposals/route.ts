import { proposal, proposalsPage } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { idempotencyKey, requestHash } from '@/lib/http/idempotency';
import { otherMethods } from '@/lib/http/methods';
import { createProposal, listProposals } from '@/lib/governance/proposals';
import { createProposalBody, proposalsQuery } from '@/lib/governance/schemas';

export const dynamic = 'force-dynamic';

// Proposals newest first (state filter, ?mine=1, cursor); creating one needs the threshold's power.
export const GET = handler({ name: 'governance.proposals', auth: 'optional', query: proposalsQuery, response: proposalsPage }, async ({ query, viewer }) =>
  listProposals({ state: query.state, proposer: query.mine ? (viewer?.id ?? '00000000-0000-0000-0000-000000000000') : null, cursor: query.cursor, limit: query.limit }));

export const POST = handler({ name: 'governance.propose', auth: 'signed-in', body: createProposalBody, response: proposal }, async ({ req, viewer, body }) => {
  const key = idempotencyKey(req.headers);
  return Response.json(await createProposal(viewer.id, body, { key, hash: requestHash(body) }), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
