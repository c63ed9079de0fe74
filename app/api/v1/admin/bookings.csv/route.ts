import { bookingsCsv } from '@/lib/admin/bookings-csv';
import { csvHeaders } from '@/lib/admin/csv';
import { requirePermission } from '@/lib/admin/permissions';
import { bookingsQuery } from '@/lib/admin/query';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The filtered bookings as CSV, streamed from the database page by page (constant memory).
// Checked before the first byte: bad filters are a 400 problem, not a broken file.
export const GET = handler({ name: 'admin.bookings.csv', auth: 'signed-in', query: bookingsQuery, produces: 'text/csv' }, async ({ viewer, query }) => {
  requirePermission(viewer, 'bookings.read');
  const day = new Date().toISOString().slice(0, 10);
  return new Response(await bookingsCsv({ ...query, cursor: undefined }), { headers: csvHeaders(`traqora-bookings-${day}.csv`) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
