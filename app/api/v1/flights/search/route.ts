import { handler } from '@/lib/http/handler';
import { searchQuerySchema } from '@/lib/flights/search-schema';
import { searchOffers } from '@/lib/flights/search';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export const GET = handler({ name: 'flights.search', query: searchQuerySchema }, async ({ query }) =>
  Response.json(await searchOffers(query), { headers: { 'cache-control': 'no-store' } }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
