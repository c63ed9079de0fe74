import { voteReceipt, votesPage } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { listVotes } from '@/lib/governance/proposals';
import { castVoteBody, proposalIdParams, votesQuery } from '@/lib/governance/schemas';
import { voteSite } from '@/lib/governance/site';
import { castVote } from '@/lib/governance/votes';

export const dynamic = 'force-dynamic';

// The votes, by power or newest first (cursor); POST casts the viewer's SEP-53 signed vote. The
// signature is the request's idempotency: one vote per account, each signature once.
export const GET = handler({ name: 'governance.votes', params: proposalIdParams, query: votesQuery, response: votesPage }, async ({ params, query }) =>
  listVotes(params.id, query));

export const POST = handler({ name: 'governance.vote', auth: 'signed-in', params: proposalIdParams, body: castVoteBody, response: voteReceipt }, async ({ req, viewer, params, body }) =>
  Response.json(await castVote(viewer, params.id, body, voteSite(req.headers, req.url)), { status: 201 }));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
