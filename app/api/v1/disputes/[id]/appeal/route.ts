import { disputeAnswer } from '@/lib/disputes/answers';
import { appeal } from '@/lib/disputes/jury';
import { idParams } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The traveller's one appeal of a first-round verdict, inside the appeal window: a larger jury
// is drawn. Naturally idempotent: a second appeal is 409.
export const POST = handler({ name: 'disputes.appeal', auth: 'signed-in', params: idParams, response: disputeAnswer }, async ({ viewer, params }) =>
  Response.json({ data: await appeal(viewer.id, params.id) }, { status: 201 }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
