import { jurorAnswer } from '@/lib/disputes/answers';
import { commitVote } from '@/lib/disputes/jury';
import { commitBody, idParams } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// A drawn juror commits sha256(round ‖ option ‖ salt ‖ juror id) in the commit window.
export const POST = handler({ name: 'disputes.jury.commit', auth: 'signed-in', params: idParams, body: commitBody, response: jurorAnswer }, async ({ viewer, params, body }) =>
  ({ data: await commitVote(viewer.id, params.id, body.commitment) }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
