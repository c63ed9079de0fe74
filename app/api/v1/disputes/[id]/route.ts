import { can } from '@/lib/admin/permissions';
import { disputeAnswer } from '@/lib/disputes/answers';
import { getDispute } from '@/lib/disputes/desk';
import { idParams } from '@/lib/disputes/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// One dispute for its traveller, a juror drawn on it, or support; anyone else gets a 404.
export const GET = handler({ name: 'disputes.get', auth: 'signed-in', params: idParams, response: disputeAnswer }, async ({ viewer, params }) =>
  ({ data: await getDispute(viewer.id, params.id, can(viewer, 'disputes.manage')) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
