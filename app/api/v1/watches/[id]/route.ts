import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { watchAnswer, watchDeleted } from '@/lib/watches/answers';
import { updateWatchBody, watchId } from '@/lib/watches/schema';
import { deleteWatch, getWatch, updateWatch } from '@/lib/watches/watches';

export const dynamic = 'force-dynamic';

// One of the viewer's price watches (another traveller's is a 404): read, edit target / drop / switch, delete.
export const GET = handler({ name: 'watches.get', auth: 'signed-in', params: watchId, response: watchAnswer }, async ({ viewer, params }) =>
  ({ data: await getWatch(viewer.id, params.id) }));

export const PATCH = handler({ name: 'watches.update', auth: 'signed-in', params: watchId, body: updateWatchBody, response: watchAnswer }, async ({ viewer, params, body }) =>
  ({ data: await updateWatch(viewer.id, params.id, body) }));

export const DELETE = handler({ name: 'watches.delete', auth: 'signed-in', params: watchId, response: watchDeleted }, async ({ viewer, params }) =>
  deleteWatch(viewer.id, params.id));

export const { POST, PUT, OPTIONS } = otherMethods('GET', 'PATCH', 'DELETE');
