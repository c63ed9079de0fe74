import { disputeAnswer } from '@/lib/disputes/answers';
import { addEvidence } from '@/lib/disputes/desk';
import { evidenceFromForm, multipart } from '@/lib/disputes/evidence';
import { idParams } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The traveller adds evidence (multipart `files`) while support handles the dispute, e.g. when
// asked for more. The dispute's total stays at most 5 files.
export const POST = handler({ name: 'disputes.evidence.add', auth: 'signed-in', params: idParams, response: disputeAnswer }, async ({ req, viewer, params }) => {
  const files = await evidenceFromForm(await multipart(req), true);
  return Response.json({ data: await addEvidence(viewer.id, params.id, files) }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
