import { airportsAnswer } from '@/lib/airports/answers';
import { airportQuerySchema, searchAirports } from '@/lib/airports/search';
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export const GET = handler({ name: 'airports.search', query: airportQuerySchema, response: airportsAnswer }, async ({ query }) => {
  const data = await searchAirports(query.q, query.limit);
  // Reference data changes rarely: let browsers reuse an answer for a few minutes.
  return Response.json({ data }, { headers: { 'cache-control': 'public, max-age=300' } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
