import { jurorAnswer } from '@/lib/disputes/answers';
import { revealVote } from '@/lib/disputes/jury';
import { idParams, revealBody } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// A juror reveals option and salt in the reveal window; a pair not matching the commitment is 422 (salt).
export const POST = handler({ name: 'disputes.jury.reveal', auth: 'signed-in', params: idParams, body: revealBody, response: jurorAnswer }, async ({ viewer, params, body }) =>
  ({ data: await revealVote(viewer.id, params.id, body.option, body.salt) }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
