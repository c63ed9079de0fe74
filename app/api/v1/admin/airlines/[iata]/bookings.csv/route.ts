import { csvHeaders } from '@/lib/admin/csv';
import { airlineBookingsCsv } from '@/lib/airline/bookings-csv';
import { actingFor } from '@/lib/airline/portal';
import { airlineBookingsQuery, airlineParams } from '@/lib/airline/schema';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The airline's filtered bookings as CSV, streamed in keyset pages (flat memory). Filters are
// checked before the first byte: a bad one is a 400 problem, not a broken file.
export const GET = handler({ name: 'admin.airline.bookings.csv', auth: 'signed-in', params: airlineParams, query: airlineBookingsQuery, produces: 'text/csv' }, async ({ viewer, params, query }) => {
  actingFor(viewer, params.iata);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(await airlineBookingsCsv(params.iata, { ...query, cursor: undefined }), { headers: csvHeaders(`traqora-${params.iata.toLowerCase()}-bookings-${day}.csv`) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
