import { movementsPage, transferResult } from '@/lib/governance/answers';
import { handler } from '@/lib/http/handler';
import { idempotencyKey, requestHash } from '@/lib/http/idempotency';
import { otherMethods } from '@/lib/http/methods';
import { pageQuery, transferBody } from '@/lib/governance/schemas';
import { sendTrq, trqHistory } from '@/lib/governance/transfers';

export const dynamic = 'force-dynamic';

// The viewer's TRQ history (cursor); POST sends TRQ to another holder (SEP-41 transfer).
export const GET = handler({ name: 'governance.trq_transfers', auth: 'signed-in', query: pageQuery, response: movementsPage }, async ({ viewer, query }) => trqHistory(viewer.id, query));

export const POST = handler({ name: 'governance.trq_transfer', auth: 'signed-in', body: transferBody, response: transferResult }, async ({ req, viewer, body }) => {
  const key = idempotencyKey(req.headers);
  const result = await sendTrq(viewer.id, body, { key, hash: requestHash(body) });
  return Response.json(result, { status: result.replayed ? 200 : 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
