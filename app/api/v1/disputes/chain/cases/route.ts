import { chainJuryCases } from '@/lib/disputes/chain/cases';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The on-chain jury's cases in progress (any TRQ holder with votes at a case's snapshot may
// commit and reveal on it from their wallet), with the disputes contract to sign against.
export const GET = handler({ name: 'disputes.chain_cases', auth: 'signed-in' }, async ({ viewer }) => chainJuryCases(viewer));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
