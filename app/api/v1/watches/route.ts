import { handler } from '@/lib/http/handler';
import { idempotencyKey, requestHash } from '@/lib/http/idempotency';
import { otherMethods } from '@/lib/http/methods';
import { watchAnswer, watchPage } from '@/lib/watches/answers';
import { createWatchBody, watchListQuery } from '@/lib/watches/schema';
import { createWatch, listWatches } from '@/lib/watches/watches';

export const dynamic = 'force-dynamic';

// The viewer's price watches, newest first, cursor paged; creating one samples its price at once.
export const GET = handler({ name: 'watches.list', auth: 'signed-in', query: watchListQuery, response: watchPage }, async ({ viewer, query }) =>
  listWatches(viewer.id, query));

export const POST = handler({ name: 'watches.create', auth: 'signed-in', body: createWatchBody, response: watchAnswer }, async ({ req, viewer, body }) => {
  const key = idempotencyKey(req.headers);
  const watch = await createWatch(viewer.id, body, { key, hash: requestHash(body) });
  return Response.json({ data: watch }, { status: watch.replayed ? 200 : 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
