import { auditContext } from '@/lib/admin/audit-context';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { multisigStepAnswer } from '@/lib/settlements/answers';
import { confirmMultisigStep } from '@/lib/settlements/multisig-confirm';
import { multisigProposalParams, multisigStepBody } from '@/lib/settlements/multisig-schema';

export const dynamic = 'force-dynamic';

// A signer approved or executed an admin multisig proposal from their own wallet: the browser
// reports the transaction; the server reads it from RPC, judges it and audits it once (201), or
// answers 202 until RPC has seen it. settlements.manage.
export const POST = handler({ name: 'admin.multisig.step', auth: 'signed-in', params: multisigProposalParams, body: multisigStepBody, response: multisigStepAnswer },
  async ({ req, requestId, viewer, params, body }) => {
    const ctx = auditContext(requirePermission(viewer, 'settlements.manage'), req, requestId, null);
    const result = await confirmMultisigStep(ctx, params.id, body);
    if ('pending' in result) return Response.json({ status: 'pending', detail: 'RPC has not seen this transaction yet; report it again shortly.' }, { status: 202 });
    return Response.json({ data: result }, { status: result.replayed ? 200 : 201 });
  });

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
