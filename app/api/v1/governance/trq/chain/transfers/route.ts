import { chainMovementsPage } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { HttpProblem } from '@/lib/http/problem';
import { otherMethods } from '@/lib/http/methods';
import { chainMovementsQuery } from '@/lib/governance/schemas';
import { chainTrqMovements } from '@/lib/governance/soroban/trq-chain';

export const dynamic = 'force-dynamic';

// One of the viewer's linked wallets' TRQ movements on the soroban rail (transfers in and out,
// mints), from the chain indexer's stored trq events, newest first, by cursor.
export const GET = handler({ name: 'governance.trq_chain_transfers', auth: 'signed-in', query: chainMovementsQuery, response: chainMovementsPage }, async ({ viewer, query }) => {
  if (!viewer.wallets.includes(query.address)) throw new HttpProblem(403, 'This wallet is not linked to your account.', [{ field: 'address', message: 'is not one of your linked wallets' }]);
  return chainTrqMovements(query.address, { cursor: query.cursor, limit: query.limit });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
