import { chainFilingTerms as chainFilingTermsAnswer } from '@/lib/disputes/answers';
import { chainFilingTerms } from '@/lib/disputes/chain/terms';
import { chainTermsQuery } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// What the wallet needs to file a booking's dispute on chain: the escrow booking id, the disputes
// contract and network, the stake and the windows (read from the contract); 409 naming pnr when
// the booking cannot go to the on-chain jury.
export const GET = handler({ name: 'disputes.chain_terms', auth: 'signed-in', query: chainTermsQuery, response: chainFilingTermsAnswer }, async ({ viewer, query }) =>
  chainFilingTerms(viewer, query.pnr));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
