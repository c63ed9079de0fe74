import { myVotesPage } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { myVotes } from '@/lib/governance/proposals';
import { pageQuery } from '@/lib/governance/schemas';

export const dynamic = 'force-dynamic';

// The viewer's votes, newest first.
export const GET = handler({ name: 'governance.my_votes', auth: 'signed-in', query: pageQuery, response: myVotesPage }, async ({ viewer, query }) => myVotes(viewer.id, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
