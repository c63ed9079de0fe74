import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { leaderboard as leaderboardAnswer } from '@/lib/loyalty/answers';
import { leaderboard, leaderboardQuery } from '@/lib/loyalty/profiles';

export const dynamic = 'force-dynamic';

// Published members by tier credits this calendar year, most first, with cursor paging.
export const GET = handler({ name: 'loyalty.leaderboard', auth: 'public', query: leaderboardQuery, response: leaderboardAnswer }, async ({ query }) => leaderboard(query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
