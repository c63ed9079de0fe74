import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { dataOf } from '@/lib/openapi/answers';
import { routeHistory as routeHistoryAnswer } from '@/lib/watches/answers';
import { routeHistoryQuery } from '@/lib/watches/schema';
import { routeHistory } from '@/lib/watches/watches';

export const dynamic = 'force-dynamic';

// A route's daily low fares (one adult, one way) and whether today's fare for `date` is low,
// typical or high against them: the results page's chart and insight. Public, like search.
export const GET = handler({ name: 'watches.route_history', auth: 'public', query: routeHistoryQuery, response: dataOf(routeHistoryAnswer) }, async ({ query }) =>
  ({ data: await routeHistory(query) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
