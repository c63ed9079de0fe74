import { cancellationQuote } from '@/lib/bookings/answers';
import { quoteCancellation } from '@/lib/bookings/manage';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { dataOf } from '@/lib/openapi/answers';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';

export const dynamic = 'force-dynamic';

// Quote, then confirm (Duffel's order cancellation model): the refund, where it goes, and
// until when the quote can be confirmed.
export const POST = handler({ name: 'bookings.cancellation_quote', auth: 'signed-in', params: pnrParams, response: dataOf(cancellationQuote) }, async ({ viewer, params }) =>
  Response.json({ data: await quoteCancellation(viewer, params.pnr) }, { status: 201 }));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
