import { handler } from '@/lib/http/handler';
import { searchQuerySchema } from '@/lib/flights/search-schema';
import { searchAnswer } from '@/lib/flights/search-answer';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

export const GET = handler({ name: 'flights.search', query: searchQuerySchema }, async ({ query }) => searchAnswer(query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
