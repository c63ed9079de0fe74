import { disputeAnswer, disputesPage } from '@/lib/disputes/answers';
import { listDisputes, openDispute } from '@/lib/disputes/desk';
import { evidenceFromForm, multipart } from '@/lib/disputes/evidence';
import { listQuery, pnrText, reasonText } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { idempotencyKey, requestHash } from '@/lib/http/idempotency';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem, zodFieldErrors } from '@/lib/http/problem';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

// The traveller's disputes: list them (cursor), or open one on a paid or completed booking with
// a reason and up to 5 evidence files (multipart: pnr, reason, files). Idempotency-Key required:
// a retry answers the same dispute.
export const GET = handler({ name: 'disputes.list', auth: 'signed-in', query: listQuery, response: disputesPage }, async ({ viewer, query }) =>
  listDisputes(viewer.id, false, query));

const fields = z.object({ pnr: pnrText, reason: reasonText });

export const POST = handler({ name: 'disputes.open', auth: 'signed-in', response: disputeAnswer }, async ({ req, viewer }) => {
  const key = idempotencyKey(req.headers);
  const form = await multipart(req);
  const parsed = fields.safeParse({ pnr: form.get('pnr') ?? undefined, reason: form.get('reason') ?? undefined });
  if (!parsed.success) throw new HttpProblem(400, 'Some fields need attention.', zodFieldErrors(parsed.error));
  const files = await evidenceFromForm(form, false);
  const hash = requestHash({ ...parsed.data, files: files.map((f) => [f.name, f.content.length, f.content.slice(0, 64)]) });
  const dispute = await openDispute(viewer.id, parsed.data.pnr, parsed.data.reason, files, key, hash);
  return Response.json({ data: dispute }, { status: dispute.replayed ? 200 : 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
