import { z } from 'zod';
import { auditContext } from '@/lib/admin/audit-context';
import { payoutAccountAnswer, payoutAccountSetAnswer } from '@/lib/airline/answers';
import { payoutAddress, setPayoutAccount } from '@/lib/airline/payout-account';
import { actingFor, airlinePayoutAccount } from '@/lib/airline/portal';
import { airlineParams as params } from '@/lib/airline/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Where an airline's share of on-chain payments goes (soroban rail). Without one, shares go to
// the platform's clearing account (STELLAR_CLEARING_ADDRESS). Reading it is airline.read;
// changing it payouts.manage (admin, finance, or the airline's own operator); audited.
const body = z.object({
  address: payoutAddress,
  reason: z.string().trim().max(500, 'at most 500 characters').optional(),
});

export const GET = handler({ name: 'admin.airline-payout.get', auth: 'signed-in', params, response: payoutAccountAnswer }, async ({ viewer, params }) => {
  actingFor(viewer, params.iata);
  return { data: await airlinePayoutAccount(params.iata) };
});

export const PUT = handler({ name: 'admin.airline-payout.set', auth: 'signed-in', params, body, response: payoutAccountSetAnswer }, async ({ req, requestId, viewer, params, body }) => {
  const ctx = auditContext(actingFor(viewer, params.iata, 'payouts.manage'), req, requestId, body.reason);
  return { data: await setPayoutAccount(ctx, params.iata, body.address) };
});

export const DELETE = handler({ name: 'admin.airline-payout.clear', auth: 'signed-in', params, produces: 'empty' }, async ({ req, requestId, viewer, params }) => {
  const ctx = auditContext(actingFor(viewer, params.iata, 'payouts.manage'), req, requestId);
  await setPayoutAccount(ctx, params.iata, null);
  return new Response(null, { status: 204 });
});

export const { POST, PATCH, OPTIONS } = otherMethods('DELETE', 'GET', 'PUT');
