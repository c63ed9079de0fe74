import { z } from 'zod';
import { cancellationResult } from '@/lib/bookings/answers';
import { confirmCancellation } from '@/lib/bookings/manage';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { dataOf } from '@/lib/openapi/answers';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';

export const dynamic = 'force-dynamic';

const body = z.object({ quote_id: z.uuid({ error: 'must be the id of a cancellation quote' }) });

// Executes exactly the quote. Confirming it again answers the same result and moves no money.
export const POST = handler({ name: 'bookings.cancel', auth: 'signed-in', params: pnrParams, body, response: dataOf(cancellationResult) }, async ({ viewer, params, body }) => {
  const { replayed, ...result } = await confirmCancellation(viewer, params.pnr, body.quote_id);
  return Response.json({ data: result }, { status: 200, headers: replayed ? { 'idempotent-replayed': 'true' } : {} });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
