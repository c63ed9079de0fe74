import { booking as bookingAnswer } from '@/lib/bookings/answers';
import { upgradeFareWithBadges } from '@/lib/bookings/manage';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { dataOf } from '@/lib/openapi/answers';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';

export const dynamic = 'force-dynamic';

// Upgrades the viewer's held Basic booking to Standard at the Basic price, spending their unspent
// badges (GET /loyalty/badges says how many it takes). 201 upgraded · 200 upgraded before (a retry;
// nothing spent again) · 409 not held or too few badges · 422 not a Basic fare.
export const POST = handler({ name: 'bookings.fare-upgrade', auth: 'signed-in', params: pnrParams, response: dataOf(bookingAnswer) }, async ({ viewer, params }) => {
  const { replayed, ...booking } = await upgradeFareWithBadges(viewer, params.pnr);
  return Response.json({ data: booking }, { status: replayed ? 200 : 201, headers: replayed ? { 'idempotent-replayed': 'true' } : {} });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
