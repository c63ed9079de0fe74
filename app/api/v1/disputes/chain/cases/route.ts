import { chainJuryCases as chainJuryCasesAnswer } from '@/lib/disputes/answers';
import { chainCasesQuery, chainJuryCases } from '@/lib/disputes/chain/cases';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The on-chain jury's cases, in progress first, then executed (any TRQ holder with votes at a
// case's snapshot may commit and reveal on it from their wallet; a majority juror claims from a
// decided one), with the disputes contract to sign against. `cursor`/`limit`: { data, nextCursor }.
export const GET = handler({ name: 'disputes.chain_cases', auth: 'signed-in', query: chainCasesQuery, response: chainJuryCasesAnswer }, async ({ viewer, query }) =>
  chainJuryCases(viewer, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
