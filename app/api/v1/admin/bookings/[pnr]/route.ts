import { adminBooking } from '@/lib/admin/answers';
import { getAdminBooking } from '@/lib/admin/bookings';
import { requirePermission } from '@/lib/admin/permissions';
import { handler } from '@/lib/http/handler';
import { pnrParams } from '@/app/api/v1/bookings/[pnr]/params';
import { otherMethods } from '@/lib/http/methods';
import { dataOf } from '@/lib/openapi/answers';

export const dynamic = 'force-dynamic';

// One booking with its timeline, payments, chain records, traveller and audit rows.
export const GET = handler({ name: 'admin.bookings.get', auth: 'signed-in', params: pnrParams, response: dataOf(adminBooking) }, async ({ viewer, params }) => {
  requirePermission(viewer, 'bookings.read');
  return { data: await getAdminBooking(params.pnr) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
