import { adminBookingPage } from '@/lib/admin/answers';
import { listAdminBookings } from '@/lib/admin/bookings';
import { requirePermission } from '@/lib/admin/permissions';
import { bookingsQuery } from '@/lib/admin/query';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// Every traveller's bookings: filters, sort and a keyset cursor (nextCursor); the same query
// as /api/v1/admin/bookings.csv.
export const GET = handler({ name: 'admin.bookings.list', auth: 'signed-in', query: bookingsQuery, response: adminBookingPage }, async ({ viewer, query }) => {
  requirePermission(viewer, 'bookings.read');
  return listAdminBookings(query);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
