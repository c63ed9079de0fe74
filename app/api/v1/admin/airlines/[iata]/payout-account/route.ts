import { StrKey } from '@stellar/stellar-sdk';
import { z } from 'zod';
import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { db } from '@/lib/db/connect';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Where an airline's share of on-chain payments goes (soroban rail). Without one, shares go to
// the platform's clearing account (STELLAR_CLEARING_ADDRESS). payouts.manage; audited.
const params = z.object({ iata: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2}$/, 'must be a 2-character IATA airline code') });
const body = z.object({
  address: z.string().trim().refine((a) => StrKey.isValidEd25519PublicKey(a) || StrKey.isValidContract(a), 'must be a Stellar account (G…) or contract (C…) address'),
  reason: z.string().trim().max(500, 'at most 500 characters').optional(),
});

export const PUT = handler({ name: 'admin.airline-payout.set', auth: 'signed-in', params, body }, async ({ req, requestId, viewer, params, body }) => {
  const ctx = auditContext(requirePermission(viewer, 'payouts.manage'), req, requestId, body.reason);
  return { data: await (await db()).call('admin_set_airline_payout_account', { ctx, airline: params.iata, address: body.address }) };
});

export const DELETE = handler({ name: 'admin.airline-payout.clear', auth: 'signed-in', params }, async ({ req, requestId, viewer, params }) => {
  const ctx = auditContext(requirePermission(viewer, 'payouts.manage'), req, requestId);
  await (await db()).call('admin_set_airline_payout_account', { ctx, airline: params.iata, address: null });
  return new Response(null, { status: 204 });
});

export const { GET, POST, PATCH, OPTIONS } = otherMethods('DELETE', 'PUT');
