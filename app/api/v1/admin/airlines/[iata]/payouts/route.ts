import { z } from 'zod';
import { airlinePayoutsPage } from '@/lib/airline/answers';
import { actingFor, airlinePayouts } from '@/lib/airline/portal';
import { airlineParams } from '@/lib/airline/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// What the airline has been paid (ledger releases, confirmed on-chain settlements), what is on
// its way (unconfirmed settlements) and what escrow still holds for it. airline.read.
// `released` pages newest first: `cursor` (the previous page's nextCursor) and `limit` (1–200,
// also the most pending rows shown).
const query = z.object({
  cursor: z.string().max(500, 'is not a cursor this list issued').optional(),
  limit: z.coerce.number({ error: 'must be 1 to 200' }).int('must be 1 to 200').min(1, 'must be 1 to 200').max(200, 'must be 1 to 200').optional(),
});

export const GET = handler({ name: 'admin.airline.payouts', auth: 'signed-in', params: airlineParams, query, response: airlinePayoutsPage }, async ({ viewer, params, query }) => {
  actingFor(viewer, params.iata);
  return airlinePayouts(params.iata, query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
