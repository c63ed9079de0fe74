import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { votesCsv } from '@/lib/governance/votes-csv';
import { proposalIdParams } from '@/lib/governance/schemas';

export const dynamic = 'force-dynamic';

// Every vote on the proposal as CSV, by power.
export const GET = handler({ name: 'governance.votes_csv', params: proposalIdParams, produces: 'text/csv' }, async ({ params }) =>
  new Response(await votesCsv(params.id), { headers: {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="traqora-proposal-${params.id}-votes.csv"`,
  } }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
