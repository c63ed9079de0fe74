import { searchResult } from '@/lib/flights/answers';
import { handler } from '@/lib/http/handler';
import { searchQuerySchema } from '@/lib/flights/search-schema';
import { searchAnswer } from '@/lib/flights/search-answer';
import { otherMethods } from '@/lib/http/methods';

export const dynamic = 'force-dynamic';

// The answer is cached bytes (search-answer.ts): `response` documents them and is never run here.
export const GET = handler({ name: 'flights.search', query: searchQuerySchema, response: searchResult }, async ({ query }) => searchAnswer(query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
